"""The macro names C++ names must avoid, asked of the compiler's own preprocessor and cached.

Generated sources include <Python.h>, which pulls in <unistd.h>, <sys/wait.h>, <time.h> and
more; users include generated headers next to their own. A Python name such as `F_OK`,
`WEXITSTATUS`, `CLOCK_REALTIME` or `st_mtime` used as a C++ name would be expanded by the
preprocessor, so passes/naming.py renames every name listed here. The list comes from
`<compiler> -dM -E` over a translation unit that includes <Python.h> (of the target interpreter)
and common C, C++ and POSIX headers, each guarded by `__has_include`; object-like and
function-like macros alike. This runs in the generator process, never in the target one.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shlex
import shutil
import subprocess
import tempfile
from typing import FrozenSet, Iterable, List, Mapping, Optional, Sequence, Set, Tuple

from ..diagnostics import Diagnostic

# Headers of the translation unit, after <Python.h>: the C and POSIX headers programs commonly
# include, and the C++ standard headers the runtime and generated code use.
HEADERS: Tuple[str, ...] = (
    "Python.h", "datetime.h",
    # C, through the C++ headers that declare it.
    "cassert", "cctype", "cerrno", "cfenv", "cfloat", "cinttypes", "climits", "clocale", "cmath",
    "csetjmp", "csignal", "cstdarg", "cstddef", "cstdint", "cstdio", "cstdlib", "cstring",
    "ctime", "cwchar", "cwctype",
    # POSIX and common system headers.
    "unistd.h", "fcntl.h", "sys/stat.h", "sys/types.h", "sys/wait.h", "sys/socket.h",
    "sys/time.h", "sys/times.h", "sys/resource.h", "sys/mman.h", "sys/ioctl.h", "sys/select.h",
    "sys/param.h", "sys/sysmacros.h", "sys/statvfs.h", "sys/uio.h", "sys/un.h", "sys/utsname.h",
    "sys/file.h", "sys/epoll.h", "netinet/in.h", "netinet/tcp.h", "arpa/inet.h", "net/if.h",
    "netdb.h", "dirent.h", "dlfcn.h", "pthread.h", "termios.h", "poll.h", "syslog.h", "pwd.h",
    "grp.h", "locale.h", "langinfo.h", "sched.h", "semaphore.h", "spawn.h", "fnmatch.h",
    "glob.h", "utime.h", "wchar.h", "cxxabi.h",
    # C++ standard headers.
    "algorithm", "atomic", "chrono", "complex", "exception", "filesystem", "functional",
    "iostream", "iterator", "limits", "map", "memory", "mutex", "new", "optional", "ostream",
    "ratio", "set", "sstream", "string", "string_view", "thread", "tuple", "type_traits",
    "typeinfo", "utility", "variant", "vector",
)
# Both dialects: GNU modes define more (`unix`, `linux`).
STANDARDS: Tuple[str, ...] = ("-std=c++17", "-std=gnu++17")
# Tried in order when neither --compiler nor $CXX names one.
DEFAULT_COMPILERS: Tuple[str, ...] = ("c++", "g++", "clang++")
CACHE_FORMAT = "pyhpp macro names 1"  # first line of a cache file; change it to drop old caches
TIMEOUT = 120.0  # seconds, per compiler run

# The fallback when no compiler can be asked, and always part of the result: macros of common
# platforms (Windows' `min`, `max`, `TRUE`; glibc's `major`, `minor`) and of glibc/Linux headers
# that Python modules reuse as names (os, errno, signal, time, stat, resource, sched).
COMMON_MACROS: FrozenSet[str] = frozenset(
    """
    errno EOF NULL unix linux min max assert stdin stdout stderr offsetof setjmp va_arg va_start
    va_end va_copy TRUE FALSE BUFSIZ EXIT_SUCCESS EXIT_FAILURE RAND_MAX FILENAME_MAX L_tmpnam
    TMP_MAX SEEK_SET SEEK_CUR SEEK_END SEEK_DATA SEEK_HOLE CHAR_BIT CHAR_MAX INT_MAX INT_MIN
    UINT_MAX LONG_MAX LONG_MIN SIZE_MAX PATH_MAX NAN INFINITY HUGE_VAL NZERO major minor makedev
    i386 DEBUG NDEBUG errno_t isfinite isinf isnan signbit fpclassify alloca
    F_OK R_OK W_OK X_OK F_LOCK F_TEST F_TLOCK F_ULOCK STDIN_FILENO STDOUT_FILENO STDERR_FILENO
    PIPE_BUF NGROUPS_MAX XATTR_SIZE_MAX
    WCONTINUED WEXITED WNOHANG WNOWAIT WSTOPPED WUNTRACED WCOREDUMP WEXITSTATUS WIFCONTINUED
    WIFEXITED WIFSIGNALED WIFSTOPPED WSTOPSIG WTERMSIG
    CLD_CONTINUED CLD_DUMPED CLD_EXITED CLD_KILLED CLD_STOPPED CLD_TRAPPED
    CLOCK_BOOTTIME CLOCK_MONOTONIC CLOCK_MONOTONIC_RAW CLOCK_PROCESS_CPUTIME_ID CLOCK_REALTIME
    CLOCK_TAI CLOCK_THREAD_CPUTIME_ID ITIMER_PROF ITIMER_REAL ITIMER_VIRTUAL
    SCHED_BATCH SCHED_FIFO SCHED_IDLE SCHED_OTHER SCHED_RESET_ON_FORK SCHED_RR sched_priority
    S_IEXEC S_IFBLK S_IFCHR S_IFDIR S_IFIFO S_IFLNK S_IFMT S_IFREG S_IFSOCK S_IREAD S_IRGRP
    S_IROTH S_IRUSR S_IRWXG S_IRWXO S_IRWXU S_ISBLK S_ISCHR S_ISDIR S_ISFIFO S_ISGID S_ISLNK
    S_ISREG S_ISSOCK S_ISUID S_ISVTX S_IWGRP S_IWOTH S_IWRITE S_IWUSR S_IXGRP S_IXOTH S_IXUSR
    st_atime st_ctime st_mtime si_band si_pid si_status si_uid
    NSIG SIGABRT SIGALRM SIGBUS SIGCHLD SIGCLD SIGCONT SIGFPE SIGHUP SIGILL SIGINT SIGIO SIGIOT
    SIGKILL SIGPIPE SIGPOLL SIGPROF SIGPWR SIGQUIT SIGRTMAX SIGRTMIN SIGSEGV SIGSTKFLT SIGSTOP
    SIGSYS SIGTERM SIGTRAP SIGTSTP SIGTTIN SIGTTOU SIGURG SIGUSR1 SIGUSR2 SIGVTALRM SIGWINCH
    SIGXCPU SIGXFSZ SIG_BLOCK SIG_DFL SIG_IGN SIG_SETMASK SIG_UNBLOCK
    E2BIG EACCES EADDRINUSE EADDRNOTAVAIL EADV EAFNOSUPPORT EAGAIN EALREADY EBADE EBADF EBADFD
    EBADMSG EBADR EBADRQC EBADSLT EBFONT EBUSY ECANCELED ECHILD ECHRNG ECOMM ECONNABORTED
    ECONNREFUSED ECONNRESET EDEADLK EDEADLOCK EDESTADDRREQ EDOM EDOTDOT EDQUOT EEXIST EFAULT
    EFBIG EHOSTDOWN EHOSTUNREACH EIDRM EILSEQ EINPROGRESS EINTR EINVAL EIO EISCONN EISDIR
    EISNAM EKEYEXPIRED EKEYREJECTED EKEYREVOKED EL2HLT EL2NSYNC EL3HLT EL3RST ELIBACC ELIBBAD
    ELIBEXEC ELIBMAX ELIBSCN ELNRNG ELOOP EMEDIUMTYPE EMFILE EMLINK EMSGSIZE EMULTIHOP
    ENAMETOOLONG ENAVAIL ENETDOWN ENETRESET ENETUNREACH ENFILE ENOANO ENOBUFS ENOCSI ENODATA
    ENODEV ENOENT ENOEXEC ENOKEY ENOLCK ENOLINK ENOMEDIUM ENOMEM ENOMSG ENONET ENOPKG
    ENOPROTOOPT ENOSPC ENOSR ENOSTR ENOSYS ENOTBLK ENOTCONN ENOTDIR ENOTEMPTY ENOTNAM
    ENOTRECOVERABLE ENOTSOCK ENOTSUP ENOTTY ENOTUNIQ ENXIO EOPNOTSUPP EOVERFLOW EOWNERDEAD EPERM
    EPFNOSUPPORT EPIPE EPROTO EPROTONOSUPPORT EPROTOTYPE ERANGE EREMCHG EREMOTE EREMOTEIO
    ERESTART ERFKILL EROFS ESHUTDOWN ESOCKTNOSUPPORT ESPIPE ESRCH ESRMNT ESTALE ESTRPIPE ETIME
    ETIMEDOUT ETOOMANYREFS ETXTBSY EUCLEAN EUNATCH EUSERS EWOULDBLOCK EXDEV EXFULL
    """.split()
)

# A `#define` line of `-dM` output: the macro's name, then `(` for a function-like macro.
_DEFINE = re.compile(r"^#define\s+([A-Za-z_][A-Za-z0-9_]*)")
_IDENTIFIER = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


class MacroListFailed(Exception):
    """The compiler could not list its macros; str() says why, in one line."""


def relevant(name: str) -> bool:
    """Whether a macro name can equal a C++ name of naming.py: those never start with `_` and
    never contain `__` (its rule 1 renames such spellings)."""
    return bool(_IDENTIFIER.match(name)) and "__" not in name


def parse_defines(text: str) -> FrozenSet[str]:
    """The relevant macro names of `-dM -E` output."""
    names = set()
    for line in text.splitlines():
        found = _DEFINE.match(line)
        if found and relevant(found.group(1)):
            names.add(found.group(1))
    return frozenset(names)


def translation_unit(headers: Sequence[str] = HEADERS) -> str:
    """Includes each header that exists, so one missing header does not fail the whole run."""
    return "".join(f"#if __has_include(<{h}>)\n#include <{h}>\n#endif\n" for h in headers)


def find_compiler(requested: Optional[str], environ: Mapping[str, str]
                  ) -> Tuple[Optional[List[str]], str]:
    """The compiler command and where it came from ('--compiler', '$CXX' or 'PATH').

    `requested` (--compiler) is a path or a name on PATH, taken as one word; $CXX may carry
    words (`ccache g++`). The command is None when the one named cannot be found or, with
    nothing named, none of DEFAULT_COMPILERS is on PATH."""
    path = environ.get("PATH", os.defpath)
    if requested:
        found = shutil.which(requested, path=path)
        return ([found] if found else None), "--compiler"
    words = shlex.split(environ.get("CXX", ""))
    if words:
        found = shutil.which(words[0], path=path)
        return ([found] + words[1:] if found else None), "$CXX"
    for name in DEFAULT_COMPILERS:
        found = shutil.which(name, path=path)
        if found:
            return [found], "PATH"
    return None, "PATH"


def python_include_dir(python: str) -> Optional[str]:
    """The directory of the target interpreter's <Python.h>, or None when it cannot tell."""
    try:
        done = subprocess.run(
            [python, "-I", "-c", "import sysconfig; print(sysconfig.get_paths()['include'])"],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            timeout=TIMEOUT, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    directory = done.stdout.decode("utf-8", "replace").strip()
    return directory if done.returncode == 0 and os.path.isdir(directory) else None


def cache_directory(environ: Mapping[str, str]) -> str:
    """$XDG_CACHE_HOME/pyhpp, or ~/.cache/pyhpp (the XDG rule: a relative value is ignored)."""
    base = environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):
        base = os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "pyhpp")


def _run(command: Sequence[str], stdin: str = "") -> subprocess.CompletedProcess:
    try:
        return subprocess.run(list(command), input=stdin.encode("utf-8"), stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, timeout=TIMEOUT, check=False)
    except OSError as exc:
        raise MacroListFailed(f"cannot run '{command[0]}': {exc.strerror or exc}") from None
    except subprocess.TimeoutExpired:
        raise MacroListFailed(f"'{command[0]}' did not finish in {TIMEOUT:.0f} s") from None


def cache_key(command: Sequence[str], include_dir: Optional[str],
              headers: Sequence[str] = HEADERS) -> str:
    """What the macro list depends on: the compiler (resolved path, further words and its
    `--version` output), the flags, the <Python.h> directory and the header list."""
    version = _run(list(command) + ["--version"])
    identity = [CACHE_FORMAT, os.path.realpath(command[0]), list(command[1:]),
                version.stdout.decode("utf-8", "replace"), list(STANDARDS), include_dir or "",
                list(headers)]
    return hashlib.sha256(json.dumps(identity).encode("utf-8")).hexdigest()


def read_cache(path: str) -> Optional[FrozenSet[str]]:
    """The names a cache file holds; None when it is missing or not a complete cache file."""
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().split("\n")
    except (OSError, UnicodeDecodeError):
        return None
    # A complete file: the format line, one name a line, a final newline.
    if len(lines) < 2 or lines[0] != CACHE_FORMAT or lines[-1] != "":
        return None
    names = lines[1:-1]
    return frozenset(names) if all(relevant(n) for n in names) else None


def write_cache(path: str, names: Iterable[str]) -> None:
    """Writes atomically (a complete file or none); a cache that cannot be written is skipped."""
    text = CACHE_FORMAT + "\n" + "".join(f"{n}\n" for n in sorted(names))
    directory = os.path.dirname(path)
    try:
        os.makedirs(directory, exist_ok=True)
        fd, temporary = tempfile.mkstemp(prefix=".macros-", dir=directory)
    except OSError:
        return
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(temporary, path)
    except OSError:
        try:
            os.unlink(temporary)
        except OSError:
            pass


def derive(command: Sequence[str], include_dir: Optional[str],
           headers: Sequence[str] = HEADERS, cache_dir: Optional[str] = None
           ) -> FrozenSet[str]:
    """The relevant macro names `command` defines in every mode of STANDARDS with `headers`
    included; read from and written to the cache in `cache_dir` (None: no cache).
    Raises MacroListFailed when the compiler fails."""
    path = None
    if cache_dir is not None:
        path = os.path.join(cache_dir, f"macros-{cache_key(command, include_dir, headers)}.txt")
        cached = read_cache(path)
        if cached is not None:
            return cached
    source = translation_unit(headers)
    names: Set[str] = set()
    for standard in STANDARDS:
        flags = ["-dM", "-E", "-x", "c++", standard]
        flags += ["-I", include_dir] if include_dir else []
        done = _run(list(command) + flags + ["-"], source)
        if done.returncode != 0:
            message = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise MacroListFailed(
                f"'{shlex.join(list(command) + flags)}' failed"
                + (f": {message[0]}" if message else f" with exit status {done.returncode}"))
        names |= parse_defines(done.stdout.decode("utf-8", "replace"))
    if path is not None:
        write_cache(path, names)
    return frozenset(names)


def discover(compiler: Optional[str], python: str, diagnostics: List[Diagnostic],
             environ: Optional[Mapping[str, str]] = None) -> FrozenSet[str]:
    """The names naming.py must treat as macros: the compiler's ones and COMMON_MACROS.

    Never fails: without a compiler (a note) or with one that cannot list its macros (a
    warning), the result is COMMON_MACROS alone."""
    environ = os.environ if environ is None else environ
    command, origin = find_compiler(compiler, environ)
    if command is None:
        if origin == "PATH":
            diagnostics.append(Diagnostic(
                "note", f"no C++ compiler found (tried {', '.join(DEFAULT_COMPILERS)}); C++ names "
                        "avoid only pyhpp's built-in list of common macros; name one with "
                        "--compiler to check against the real headers"))
        else:
            named = compiler if origin == "--compiler" else environ.get("CXX", "")
            diagnostics.append(Diagnostic(
                "warning", f"C++ compiler '{named}' (from {origin}) not found; C++ names avoid "
                           "only pyhpp's built-in list of common macros"))
        return COMMON_MACROS
    try:
        derived = derive(command, python_include_dir(python), HEADERS, cache_directory(environ))
    except MacroListFailed as exc:
        diagnostics.append(Diagnostic(
            "warning", f"cannot list the macros of the C++ headers: {exc}; C++ names avoid only "
                       "pyhpp's built-in list of common macros"))
        return COMMON_MACROS
    return derived | COMMON_MACROS
