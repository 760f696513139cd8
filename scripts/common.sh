# Shared by the scripts: the project root, the base packages, a CMake build helper.
# shellcheck shell=bash
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BASE_PKGS=(gcc clang cmake make binutils pkg-config libmbedtls-dev libjsmn-dev python3 openssl ca-certificates
           liblwip-dev python3-kconfiglib iproute2)

# configure_build DIR COMPILER [cmake args...]: configure and build everything quietly;
# on failure show the log on stderr. BUILD_TARGET, when set, builds only that target.
configure_build() {
  local dir=$1 cc=$2
  shift 2
  mkdir -p "$dir"
  if ! { CC=$cc cmake -S "$ROOT" -B "$dir" "$@" &&
         cmake --build "$dir" -j "$(nproc)" ${BUILD_TARGET:+--target "$BUILD_TARGET"}; } >"$dir/build.log" 2>&1; then
    cat "$dir/build.log" >&2
    echo "build failed in $dir" >&2
    return 1
  fi
}
