/**
 * @file replay_main.c
 * @brief A main() for the fuzz harnesses without libFuzzer: runs each file (or each
 *        file in each directory) named on the command line through
 *        LLVMFuzzerTestOneInput once. Used to replay the corpus with gcc, under
 *        valgrind, or for coverage; prints "N inputs" and exits 0 (an invariant
 *        failure aborts).
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static unsigned s_inputs;

static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    uint8_t *data;
    long n;
    if (f == NULL) {
        perror(path);
        return 1;
    }
    if ((fseek(f, 0, SEEK_END) != 0) || ((n = ftell(f)) < 0) || (fseek(f, 0, SEEK_SET) != 0)) {
        fclose(f);
        return 1;
    }
    data = (uint8_t *)malloc((size_t)n + 1u);
    if ((data == NULL) || (fread(data, 1, (size_t)n, f) != (size_t)n)) {
        free(data);
        fclose(f);
        return 1;
    }
    fclose(f);
    (void)LLVMFuzzerTestOneInput(data, (size_t)n);
    free(data);
    s_inputs++;
    return 0;
}

static int run_path(const char *path)
{
    struct stat st;
    DIR *d;
    struct dirent *e;
    int rc = 0;
    if (stat(path, &st) != 0) {
        perror(path);
        return 1;
    }
    if (!S_ISDIR(st.st_mode)) {
        return run_file(path);
    }
    d = opendir(path);
    if (d == NULL) {
        perror(path);
        return 1;
    }
    while ((e = readdir(d)) != NULL) {
        char child[4096];
        struct stat cst;
        if (e->d_name[0] == '.') {
            continue;
        }
        (void)snprintf(child, sizeof(child), "%s/%s", path, e->d_name);
        if ((stat(child, &cst) == 0) && S_ISREG(cst.st_mode)) {
            rc |= run_file(child);
        }
    }
    closedir(d);
    return rc;
}

int main(int argc, char **argv)
{
    int rc = 0;
    int i;
    for (i = 1; i < argc; i++) {
        rc |= run_path(argv[i]);
    }
    printf("%u inputs\n", s_inputs);
    return rc;
}
