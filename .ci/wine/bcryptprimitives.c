/* A stand-in for Windows' bcryptprimitives.dll, for running tanrak.exe under Debian 12's
 * Wine 8.0 only. Rust's standard library (1.78 and later) takes its random numbers from
 * ProcessPrng in bcryptprimitives.dll, which every Windows 10 and 11 has but Wine 8.0 lacks;
 * this forwards it to RtlGenRandom (advapi32's SystemFunction036), which Wine has.
 * .ci/run builds it with mingw-w64 and puts it beside tanrak.exe; it is never shipped. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG chunk = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
