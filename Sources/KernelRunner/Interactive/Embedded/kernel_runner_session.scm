;;; kernel-runner's persistent MIT Scheme session (query mode of the scheme image).
;;;
;;; The daemon starts `mit-scheme --quiet --load kernel_runner_session.scm` once; the FIFOs'
;;; directory is written into this text. It holds `requests` (the secret token, then `run ID
;;; FILE` and `complete ID WORD`) and `events` (`ready`, `done ID EXIT STDOUT-MARKS
;;; STDERR-MARKS`, `completion ID WORD<TAB>WORD...`). Each cell is evaluated in the REPL's
;;; environment, so definitions carry over. As a cell starts and before `done` a secret marker
;;; goes to stdout and stderr, so the daemon knows which output is the cell's. The driver's own
;;; names are local to this `let*`.
(let* ((channel "{channel}")
       (requests (open-input-file (string-append channel "/requests")))
       (events (open-output-file (string-append channel "/events") #t))
       ;; MIT Scheme has no port for stderr: the console is stdout.
       (errors (open-output-file "/dev/stderr" #t))
       (marker (string-append (string #\escape) "]kernel-runner;" (read-line requests) (string #\bel)))
       (marks 0)
       (environment (nearest-repl/environment))
       (abort-cell #f))
  (define (send . parts)
    (for-each (lambda (part) (write-string part events)) parts)
    (newline events)
    (flush-output events))
  (define (mark)
    (flush-output)
    (write-string marker)
    (flush-output)
    (write-string marker errors)
    (flush-output errors)
    (set! marks (+ marks 1)))
  (define (report text)
    (flush-output)
    (write-string text errors)
    (newline errors))
  ;; 0, or 1 after an error or an interrupt (reported on stderr).
  (define (run-cell path)
    (call-with-current-continuation
     (lambda (k)
       (set! abort-cell (lambda () (report "Interrupted") (k 1)))
       (with-exception-handler
        (lambda (condition)
          (report (if (condition? condition)
                      (condition/report-string condition)
                      (string-append "non-condition object signalled: " (write-to-string condition))))
          (k 1))
        (lambda () (evaluate-file path) 0)))))
  ;; Form by form rather than `load`, whose pathname and loader machinery cost three times
  ;; what a trivial cell does.
  (define (evaluate-file path)
    (call-with-input-file path
      (lambda (port)
        (let loop ((form (read port)))
          (if (not (eof-object? form))
              (begin (eval form environment)
                     (loop (read port))))))))
  (define (completions word)
    (let loop ((names (append (environment-bound-names environment)
                              (environment-bound-names system-global-environment)))
               (found '())
               (count 0))
      (cond ((or (null? names) (= count 200)) (reverse found))
            ((string-prefix? word (symbol->string (car names)))
             (loop (cdr names) (cons (symbol->string (car names)) found) (+ count 1)))
            (else (loop (cdr names) found count)))))
  ;; SIGINT: without this MIT Scheme returns to its REPL's top level (which would read the
  ;; terminal); here it ends the cell, and between cells it changes nothing.
  (set! cmdl-interrupt/abort-top-level (lambda () (if abort-cell (abort-cell))))
  (send "ready")
  (let loop ()
    (let ((request (read-line requests)))
      (if (not (eof-object? request))
          (let* ((first-space (string-search-forward " " request 0))
                 (op (string-head request first-space))
                 (rest (string-tail request (+ first-space 1)))
                 (second-space (string-search-forward " " rest 0))
                 (id (if second-space (string-head rest second-space) rest))
                 (argument (if second-space (string-tail rest (+ second-space 1)) "")))
            (cond ((string=? op "run")
                   (mark)
                   (let ((status (run-cell argument)))
                     (set! abort-cell #f)
                     (mark)
                     (send "done " id " " (number->string status) " " (number->string marks) " " (number->string marks))))
                  ((string=? op "complete")
                   (send "completion " id " " (decorated-string-append "" "\t" "" (completions argument)))))
            (loop))))))
(exit 0)
