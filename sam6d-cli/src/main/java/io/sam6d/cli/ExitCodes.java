package io.sam6d.cli;

/** The client's exit codes, for scripts (README, "Command-line client"). */
final class ExitCodes {

    /** Every job completed; {@code status}: every service healthy. */
    static final int OK = 0;
    /** A job or batch item failed or was cancelled; {@code status}: a service is not healthy. */
    static final int JOB_FAILED = 1;
    /** Bad command line: unknown option, missing argument, a file that cannot be read. */
    static final int USAGE = 2;
    /** main-server refused the request (400 naming the field, 404 unknown class, object or job, 409). */
    static final int REFUSED = 3;
    /** main-server refused the token (401, 403): none given, expired or wrong. */
    static final int UNAUTHORIZED = 4;
    /** main-server unreachable, too slow, or failing (5xx). */
    static final int UNAVAILABLE = 5;
    /** Still running when {@code --timeout} ran out; the job goes on on the server. */
    static final int TIMED_OUT = 6;

    static final String[] DESCRIPTIONS = {
        "0:every job completed (status: every service healthy)",
        "1:a job or batch item failed or was cancelled (status: a service is not healthy)",
        "2:bad command line or unreadable input file",
        "3:main-server refused the request (400 naming the field, 404 unknown class/object/job, 409)",
        "4:main-server refused the bearer token (401/403)",
        "5:main-server unreachable, timed out or failing (5xx)",
        "6:--timeout ran out while a job was still running (it goes on on the server)",
    };

    private ExitCodes() {
    }
}
