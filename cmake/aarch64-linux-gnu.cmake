# CMake toolchain file: gomortem built for linux/arm64 on an amd64 Debian
# machine (scripts/cross-arm64.sh; scripts/setup.sh installs the cross
# compiler, qemu-user and the arm64 libraries through dpkg multiarch).
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
# the unit tests run under qemu-user (ctest uses the emulator for the
# targets it builds); the arm64 libraries are multiarch, in the normal
# /usr/lib/aarch64-linux-gnu, and so are the dynamic loader and libc
# (libc6:arm64). No -L /usr/aarch64-linux-gnu: that prefix gives the cross
# toolchain's ld.so (another glibc build), which then loads the multiarch
# libc, and the mixture hangs in pthread_create (docs/arm64.md).
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-aarch64)
# pkg-config: the arm64 .pc files only
set(ENV{PKG_CONFIG_LIBDIR} /usr/lib/aarch64-linux-gnu/pkgconfig:/usr/share/pkgconfig)
