#define _GNU_SOURCE
#include "krs_terminal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

static int krs_open_peer(int master) {
#ifdef TIOCGPTPEER
    // Opening the peer through the master works even when /dev/pts is not
    // the devpts instance the master belongs to (containers).
    int slave = ioctl(master, TIOCGPTPEER, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (slave >= 0 || errno != EINVAL) {
        return slave;
    }
#endif
    char name[128];
    if (ptsname_r(master, name, sizeof name) != 0) {
        return -1;
    }
    return open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
}

static int krs_configure_line_discipline(int slave, unsigned short columns, unsigned short rows) {
    struct termios settings;
    if (tcgetattr(slave, &settings) != 0) {
        return -1;
    }
    settings.c_iflag &= ~(tcflag_t)(ICRNL | INLCR | IGNCR | IXON | IXOFF | ISTRIP);
    settings.c_oflag &= ~(tcflag_t)OPOST;
    settings.c_lflag &= ~(tcflag_t)(ICANON | ISIG | ECHOCTL | ECHONL);
    // ECHO and IEXTEN stay on so programs that change them can be told apart: a password
    // prompt turns ECHO off only, raw mode (readline editors) turns both off.
    settings.c_lflag |= ECHO | IEXTEN;
    settings.c_cc[VMIN] = 1;
    settings.c_cc[VTIME] = 0;
    if (tcsetattr(slave, TCSANOW, &settings) != 0) {
        return -1;
    }
    struct winsize size = {.ws_row = rows, .ws_col = columns};
    return ioctl(slave, TIOCSWINSZ, &size);
}

// The line settings of a configured new terminal, which a reused one gets back; written once,
// by the first terminal opened (all are configured alike).
static struct termios krs_new_terminal_settings;
enum { KRS_SETTINGS_NONE, KRS_SETTINGS_WRITING, KRS_SETTINGS_READY };
static atomic_int krs_new_terminal_settings_state = KRS_SETTINGS_NONE;

static void krs_remember_new_terminal_settings(int slave) {
    int expected = KRS_SETTINGS_NONE;
    if (atomic_load(&krs_new_terminal_settings_state) != KRS_SETTINGS_NONE
        || !atomic_compare_exchange_strong(&krs_new_terminal_settings_state, &expected,
                                           KRS_SETTINGS_WRITING)) {
        return;
    }
    int ready = tcgetattr(slave, &krs_new_terminal_settings) == 0;
    atomic_store(&krs_new_terminal_settings_state, ready ? KRS_SETTINGS_READY : KRS_SETTINGS_NONE);
}

int krs_open_pseudo_terminal(int *master_out, int *slave_out,
                             unsigned short columns, unsigned short rows) {
    int master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (master < 0) {
        return errno;
    }
    int slave = -1;
    if (grantpt(master) != 0 || unlockpt(master) != 0
        || (slave = krs_open_peer(master)) < 0
        || krs_configure_line_discipline(slave, columns, rows) != 0
        || fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK) != 0) {
        int error = errno;
        if (slave >= 0) {
            close(slave);
        }
        close(master);
        return error;
    }
    krs_remember_new_terminal_settings(slave);
    *master_out = master;
    *slave_out = slave;
    return 0;
}

int krs_reuse_pseudo_terminal(int master, unsigned short columns, unsigned short rows,
                              int *slave_out) {
    if (atomic_load(&krs_new_terminal_settings_state) != KRS_SETTINGS_READY) {
        return EAGAIN;
    }
    // On a master, TIOCGSID fails with ENOTTY exactly when no session holds the slave.
    pid_t session;
    if (ioctl(master, TIOCGSID, &session) == 0 || errno != ENOTTY) {
        return EBUSY;
    }
    int slave = krs_open_peer(master);
    if (slave < 0) {
        return errno;
    }
    int discipline = -1;
    // Zeroed first: the kernel's structure is shorter than the C library's.
    struct termios locked = {0};
    const struct termios unlocked = {0};
    int error = 0;
    if (ioctl(slave, TIOCGETD, &discipline) != 0 || ioctl(slave, TIOCGLCKTRMIOS, &locked) != 0) {
        error = errno;
    } else if (discipline != N_TTY || memcmp(&locked, &unlocked, sizeof locked) != 0) {
        error = EBUSY;
    } else {
        struct winsize size = {.ws_row = rows, .ws_col = columns};
        // Most programs leave the settings alone: setting them costs two calls more than looking.
        struct termios current = {0};
        int is_changed = tcgetattr(slave, &current) != 0
            || memcmp(&current, &krs_new_terminal_settings, sizeof current) != 0;
        // TIOCEXCL would refuse the next run's /dev/tty; input the program never read is dropped.
        if (ioctl(slave, TIOCNXCL) != 0 || tcflow(slave, TCOON) != 0
            || (is_changed && tcsetattr(slave, TCSANOW, &krs_new_terminal_settings) != 0)
            || ioctl(slave, TIOCSWINSZ, &size) != 0 || tcflush(slave, TCIOFLUSH) != 0) {
            error = errno;
        }
    }
    if (error != 0) {
        close(slave);
        return error;
    }
    *slave_out = slave;
    return 0;
}

int krs_terminal_hides_input(int fd) {
    struct termios settings;
    if (tcgetattr(fd, &settings) != 0) {
        return -1;
    }
    return (settings.c_lflag & ECHO) == 0 && (settings.c_lflag & IEXTEN) != 0;
}

int krs_terminal_echoes(int fd) {
    struct termios settings;
    if (tcgetattr(fd, &settings) != 0) {
        return -1;
    }
    return (settings.c_lflag & ECHO) != 0;
}
