// The fuzzing harnesses, shared by the libFuzzer executables (fuzz_*.cpp, clang only) and by
// tst_hardening_fuzzcorpus, which replays the committed corpus and every crash input found in
// the normal build (fuzzframers.cpp, fuzzbinframe.cpp, fuzzwire.cpp). Each returns nullptr, or a description of the broken invariant.
#pragma once

#include <cstddef>
#include <cstdint>

namespace tcplab::fuzz {

// Line framer: byte 0 picks persistent/verbose/limit, byte 1 the chunking, the rest is the stream.
const char *lineFramer(const uint8_t *data, size_t size);
// Bin framer (the recipe's 22-byte frame), same control bytes; and BinFrame::decode/encode.
const char *binFramer(const uint8_t *data, size_t size);
// The client's hex parser (parseHex) on the input as UTF-8 and as Latin-1.
const char *hexParser(const uint8_t *data, size_t size);
// BinFrame::parseFields ("u32,tag,u64,i16,i16,f32") on the input as UTF-8.
const char *binFields(const uint8_t *data, size_t size);
// The wire spec (WireSpec::parse) on the input as UTF-8: errors are one line with the prefix;
// an accepted spec's canonical form parses back to the same spec (fuzzwire.cpp).
const char *wireSpec(const uint8_t *data, size_t size);
// The packet decoder on the input as one frame, then the input cut into captured packets fed
// to a connection tracker: consistent lengths, bounded arrays, bounded connections.
const char *packetDecoder(const uint8_t *data, size_t size);

} // namespace tcplab::fuzz
