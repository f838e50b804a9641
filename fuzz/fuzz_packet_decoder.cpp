// libFuzzer entry point for tcplab::fuzz::packetDecoder (see fuzztargets.h); built by fuzz/CMakeLists.txt.
#include "fuzztargets.h"

#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (const char *broken = tcplab::fuzz::packetDecoder(data, size)) {
        std::fprintf(stderr, "invariant broken: %s\n", broken);
        std::abort();
    }
    return 0;
}
