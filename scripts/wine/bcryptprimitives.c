/* A stand-in for Windows' bcryptprimitives.dll, for running Release Desk's
   Windows tests under Wine 8, which lacks the library. Go's runtime takes
   random numbers from its ProcessPrng before main runs; this one asks
   advapi32's RtlGenRandom (SystemFunction036), which Wine has. Never shipped:
   scripts/wine-test builds it into a throwaway Wine prefix. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
	/* RtlGenRandom takes a 32-bit length; larger requests go in parts. */
	while (length > 0) {
		ULONG part = length > 0x10000000 ? 0x10000000 : (ULONG)length;
		if (!SystemFunction036(data, part))
			return FALSE;
		data += part;
		length -= part;
	}
	return TRUE;
}
