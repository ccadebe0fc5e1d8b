#ifndef DIGESTSYNC_CLIBCRYPTO_SHIM_H
#define DIGESTSYNC_CLIBCRYPTO_SHIM_H

// libcrypto (libssl-dev): SHA-256 for row digests, SHA-1 for the OVSDB log format.
// Only the EVP interface, which OpenSSL 3 does not deprecate.
#include <openssl/evp.h>

#endif
