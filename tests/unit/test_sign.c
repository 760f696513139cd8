/**
 * @file test_sign.c
 * @brief HMAC-SHA256 (RFC 4231) and HMAC-SHA1 (RFC 2202) on the library's own HMAC,
 *        plus keys around the 64-byte block size and split updates.
 */
#include "osfn_test.h"

#include "osfn_crypto.h"

typedef struct {
    osfn_hash_alg_t alg;
    uint8_t key_byte;   /* key = key_len copies of key_byte, or 0x01.. when key_byte == 0 */
    size_t key_len;
    const char *key_str; /* overrides when set */
    uint8_t data_byte;
    size_t data_len;
    const char *data_str;
    const char *hex;
} hmac_vec_t;

static const char k_long6[] = "Test Using Larger Than Block-Size Key - Hash Key First";
static const char k_long7_256[] =
    "This is a test using a larger than block-size key and a larger than block-size data. "
    "The key needs to be hashed before being used by the HMAC algorithm.";
static const char k_long7_1[] = "Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data";

static const hmac_vec_t k_vectors[] = {
    /* RFC 4231 */
    { OSFN_HASH_SHA256, 0x0b, 20, NULL, 0, 0, "Hi There",
      "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7" },
    { OSFN_HASH_SHA256, 0, 0, "Jefe", 0, 0, "what do ya want for nothing?",
      "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843" },
    { OSFN_HASH_SHA256, 0xaa, 20, NULL, 0xdd, 50, NULL,
      "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe" },
    { OSFN_HASH_SHA256, 0x00, 25, NULL, 0xcd, 50, NULL,
      "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b" },
    { OSFN_HASH_SHA256, 0xaa, 131, NULL, 0, 0, k_long6,
      "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54" },
    { OSFN_HASH_SHA256, 0xaa, 131, NULL, 0, 0, k_long7_256,
      "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2" },
    /* RFC 2202 */
    { OSFN_HASH_SHA1, 0x0b, 20, NULL, 0, 0, "Hi There", "b617318655057264e28bc0b6fb378c8ef146be00" },
    { OSFN_HASH_SHA1, 0, 0, "Jefe", 0, 0, "what do ya want for nothing?",
      "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79" },
    { OSFN_HASH_SHA1, 0xaa, 20, NULL, 0xdd, 50, NULL, "125d7342b9ac11cd91a39af48aa17b4f63f175d3" },
    { OSFN_HASH_SHA1, 0x00, 25, NULL, 0xcd, 50, NULL, "4c9007f4026250c6bc8414f9bf50c86c2d7235da" },
    { OSFN_HASH_SHA1, 0xaa, 80, NULL, 0, 0, k_long6, "aa4ae5e15272d00e95705637ce8a3b55ed402112" },
    { OSFN_HASH_SHA1, 0xaa, 80, NULL, 0, 0, k_long7_1, "e8e99d0f45237d786d6bbaa7965c7808bbff1a91" },
};

static void to_hex(const uint8_t *in, size_t n, char *out)
{
    static const char h[] = "0123456789abcdef";
    size_t i;
    for (i = 0; i < n; i++) {
        out[2 * i] = h[in[i] >> 4];
        out[2 * i + 1] = h[in[i] & 15];
    }
    out[2 * n] = '\0';
}

static size_t make_key(const hmac_vec_t *v, uint8_t *key)
{
    size_t i;
    if (v->key_str != NULL) {
        memcpy(key, v->key_str, strlen(v->key_str));
        return strlen(v->key_str);
    }
    for (i = 0; i < v->key_len; i++) {
        key[i] = (v->key_byte != 0) ? v->key_byte : (uint8_t)(i + 1);
    }
    return v->key_len;
}

static void test_rfc_vectors(void)
{
    size_t i;
    for (i = 0; i < sizeof(k_vectors) / sizeof(k_vectors[0]); i++) {
        const hmac_vec_t *v = &k_vectors[i];
        uint8_t key[200];
        uint8_t data[200];
        uint8_t mac[32];
        char hex[65];
        size_t key_len = make_key(v, key);
        size_t data_len = v->data_len;
        if (v->data_str != NULL) {
            data_len = strlen(v->data_str);
            memcpy(data, v->data_str, data_len);
        } else {
            memset(data, v->data_byte, data_len);
        }
        CHECK_INT(osfn_hmac(v->alg, key, key_len, data, data_len, mac), OSFN_OK);
        to_hex(mac, osfn_hash_len(v->alg), hex);
        CHECK_STR(hex, v->hex);
    }
}

/* Keys of 63, 64, 65 and 200 bytes (block boundary), reference values from Python's hmac. */
static void test_block_boundary_keys(void)
{
    static const size_t lens[4] = { 63, 64, 65, 200 };
    static const char *const want256[4] = {
        "6681fc4b5a828c74bfa103c2afede764adb924c5f5a03128c6336e37940f2483",
        "7509944a84b7ea1fb131b689b2740a5f50ee3ada7a26cbc2834041e5d92bac7f",
        "8c9eb268d25814cc68f062c3eb8405d04380ed727c3ec79d5444f714c4cedb3a",
        "cb3101376c9b68191b1487fef45a8bffe7372f3b5a167a1fd015817a01e05d54",
    };
    static const char *const want1[4] = {
        "e87bbba4bbcf7a891b40c709d2a1d195122991a3", "9af15969ef7d022e9bf785ef637245bf06a1f078",
        "aa028c990b322767aa0e80cbf192a69a3622bd84", "5492e721c34c9f4a24f95a5a9a2bd5116b3508fc",
    };
    static const char msg[] = "osfn boundary key test";
    size_t i;
    size_t j;
    for (i = 0; i < 4; i++) {
        uint8_t key[200];
        uint8_t mac[32];
        char hex[65];
        for (j = 0; j < lens[i]; j++) {
            key[j] = (uint8_t)((j * 7 + 1) & 255);
        }
        CHECK_INT(osfn_hmac(OSFN_HASH_SHA256, key, lens[i], msg, strlen(msg), mac), OSFN_OK);
        to_hex(mac, 32, hex);
        CHECK_STR(hex, want256[i]);
        CHECK_INT(osfn_hmac(OSFN_HASH_SHA1, key, lens[i], msg, strlen(msg), mac), OSFN_OK);
        to_hex(mac, 20, hex);
        CHECK_STR(hex, want1[i]);
    }
}

/* Feeding the message one byte at a time gives the same MAC, and finish wipes the context. */
static void test_split_updates_and_wipe(void)
{
    static const char msg[] = "what do ya want for nothing?";
    osfn_hmac_t m;
    uint8_t mac[32];
    char hex[65];
    size_t i;
    const uint8_t *raw = (const uint8_t *)&m;
    osfn_hmac_start(&m, OSFN_HASH_SHA256, "Jefe", 4);
    for (i = 0; i < strlen(msg); i++) {
        osfn_hmac_update(&m, &msg[i], 1);
    }
    CHECK_INT(osfn_hmac_finish(&m, mac), OSFN_OK);
    to_hex(mac, 32, hex);
    CHECK_STR(hex, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    for (i = 0; i < sizeof(m); i++) {
        CHECK_INT(raw[i], 0);
    }
}

void suite_sign(void)
{
    OSFN_RUN(test_rfc_vectors);
    OSFN_RUN(test_block_boundary_keys);
    OSFN_RUN(test_split_updates_and_wipe);
}
