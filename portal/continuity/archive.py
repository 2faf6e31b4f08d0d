"""The archive file itself: a tar stream compressed by zstd, or gzip without it.

zstd (the Debian package's binary) compresses several times faster than gzip at
a better ratio; where it is missing, `.tar.gz` works everywhere. Reading looks at
the file's first bytes, not its name, so a renamed archive still restores.
"""

import contextlib
import gzip
import hashlib
import io
import os
import shutil
import subprocess
import tarfile
import time
import zlib

from portal.continuity import ContinuityError

ZSTD_SUFFIX = ".tar.zst"
GZIP_SUFFIX = ".tar.gz"
SUFFIXES = (ZSTD_SUFFIX, GZIP_SUFFIX)
_ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
_GZIP_MAGIC = b"\x1f\x8b"
_CHUNK = 1024 * 1024
# What a damaged or truncated stream raises while it is read.
_READ_ERRORS = (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile)


def zstd_binary():
    return shutil.which("zstd")


def default_suffix():
    return ZSTD_SUFFIX if zstd_binary() else GZIP_SUFFIX


def suffix_of(path):
    return next((suffix for suffix in SUFFIXES if str(path).endswith(suffix)), None)


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        while chunk := file.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


class HashingReader:
    """Reads from `file` and keeps the SHA-256 and size of what went through."""

    def __init__(self, file):
        self.file = file
        self.digest = hashlib.sha256()
        self.size = 0

    def read(self, size=-1):
        data = self.file.read(size)
        self.digest.update(data)
        self.size += len(data)
        return data


def _zstd():
    binary = zstd_binary()
    if not binary:
        raise ContinuityError(
            "zstd is not installed (apt-get install zstd); "
            f"write a {GZIP_SUFFIX} archive instead."
        )
    return binary


@contextlib.contextmanager
def writer(path):
    """A tar stream into a new file at `path`, readable by its owner only.

    The file must not exist; on any error it is removed again.
    """
    suffix = suffix_of(path)
    if suffix is None:
        raise ContinuityError(f"An archive's name ends in {' or '.join(SUFFIXES)}.")
    command = [_zstd(), "-q", "-c", "-T0", "-"] if suffix == ZSTD_SUFFIX else None
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as raw:
            if command:
                with _zstd_writer(command, raw) as tar:
                    yield tar
            else:
                with (
                    gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=6) as stream,
                    tarfile.open(
                        fileobj=stream, mode="w|", format=tarfile.PAX_FORMAT
                    ) as tar,
                ):
                    yield tar
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
        raise


@contextlib.contextmanager
def _zstd_writer(command, raw):
    # The command is the absolute path of zstd and fixed options: no shell, no input.
    process = subprocess.Popen(  # noqa: S603
        command, stdin=subprocess.PIPE, stdout=raw, stderr=subprocess.PIPE
    )
    try:
        tar = tarfile.open(fileobj=process.stdin, mode="w|", format=tarfile.PAX_FORMAT)
        yield tar
        tar.close()
        process.stdin.close()
        error = process.stderr.read().decode(errors="replace").strip()
        if process.wait():
            raise ContinuityError(f"zstd failed: {error}")
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


@contextlib.contextmanager
def reader(path):
    """The archive's tar stream, member by member; damage becomes ContinuityError."""
    try:
        with open(path, "rb") as file:
            magic = file.read(4)
        # Opened afresh: zstd reads the file descriptor from its start.
        raw = open(path, "rb")  # closed by the with below
    except OSError as error:
        raise ContinuityError(f"Cannot open {path}: {error.strerror}.") from error
    with raw:
        try:
            if magic.startswith(_ZSTD_MAGIC):
                with _zstd_reader(raw) as tar:
                    yield tar
            elif magic.startswith(_GZIP_MAGIC):
                with tarfile.open(fileobj=raw, mode="r|gz") as tar:
                    yield tar
            else:
                raise ContinuityError(
                    f"{path} is not a backup archive of this portal "
                    f"(not a {ZSTD_SUFFIX} or {GZIP_SUFFIX} file)."
                )
        except _READ_ERRORS as error:
            raise ContinuityError(
                f"The archive is damaged or incomplete ({error}). Nothing was changed."
            ) from error


@contextlib.contextmanager
def _zstd_reader(raw):
    process = subprocess.Popen(  # noqa: S603 (see _zstd_writer)
        [_zstd(), "-d", "-q", "-c", "-"],
        stdin=raw,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        with tarfile.open(fileobj=process.stdout, mode="r|") as tar:
            yield tar
        # Read to the end, so zstd checks the frame's checksum.
        while process.stdout.read(_CHUNK):
            pass
        error = process.stderr.read().decode(errors="replace").strip()
        if process.wait():
            raise ContinuityError(
                f"The archive is damaged or incomplete ({error}). Nothing was changed."
            )
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def add_file(tar, name, file, size, mtime=None):
    """Add `size` bytes from `file` as `name`; returns (sha256, size) of them."""
    info = tarfile.TarInfo(name)
    info.size = size
    info.mode = 0o600
    info.mtime = int(mtime if mtime is not None else time.time())
    hashing = HashingReader(file)
    tar.addfile(info, hashing)
    return hashing.digest.hexdigest(), hashing.size


def add_bytes(tar, name, data):
    return add_file(tar, name, io.BytesIO(data), len(data))
