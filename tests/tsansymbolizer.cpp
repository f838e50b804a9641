// ThreadSanitizer builds only (tests/tsan.cmake adds it to every test). TSan names the frames of
// a report when it prints it, reading the executable's debug info at its first report. A test
// that has used up its descriptors by then (tst_hardening_limits fills the table on purpose)
// gets frames without names, which no suppression in scripts/tsan.supp can match, so a known
// false positive fails the run. Symbolizing one address at start loads that debug info while
// descriptors are free; it stays loaded.
#include <sanitizer/common_interface_defs.h>
#include <sys/auxv.h>

namespace {

__attribute__((constructor)) void loadSymbolsWhileDescriptorsAreFree()
{
    char name[256];
    __sanitizer_symbolize_pc(reinterpret_cast<void *>(getauxval(AT_ENTRY)), "%f", name, sizeof(name));
}

} // namespace
