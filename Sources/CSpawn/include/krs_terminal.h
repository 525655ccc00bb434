#ifndef KRS_TERMINAL_H
#define KRS_TERMINAL_H

/// Opens a pseudo-terminal pair, both ends close-on-exec, the master non-blocking.
///
/// The line discipline is set up for byte-exact output: no output post-processing,
/// no CR/NL input translation, no canonical mode (lines longer than 4096 bytes are
/// not truncated), no signal characters, no flow control; ECHO stays on so that a
/// program turning it off can be recognised as reading a password.
/// Returns 0, or an errno value.
int krs_open_pseudo_terminal(int *master_out, int *slave_out,
                             unsigned short columns, unsigned short rows);

/// Readies the pseudo-terminal of a finished run for the next one, as a new one would be: a new
/// slave (close-on-exec) opened through `master`, the line settings of a new terminal, the
/// window size, output flow on, nothing pending in either direction.
///
/// Refused (EBUSY) while a session still has the terminal as its controlling terminal (a process
/// of the run may be alive), when its line discipline is not the standard one, or when settings
/// were locked; EAGAIN before a new terminal was opened. Returns 0, or an errno value; nothing is
/// left open on failure.
int krs_reuse_pseudo_terminal(int master, unsigned short columns, unsigned short rows,
                              int *slave_out);

/// Returns 1 when the terminal behind `fd` echoes input, 0 when not, -1 on error.
int krs_terminal_echoes(int fd);

/// 1 when the terminal hides typed input the way password prompts do (echo off, extended
/// input processing still on), 0 otherwise (raw mode turns both off), -1 on error.
int krs_terminal_hides_input(int fd);

#endif
