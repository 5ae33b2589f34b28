package io.sam6d.cli;

/**
 * main-server answered with an error, or did not answer. The message names the request, the status and the problem
 * document's {@code field} and {@code detail}; the exit code follows the status.
 *
 * @see ExitCodes
 */
final class ApiError extends CliException {

    private final int status;

    ApiError(int status, String message) {
        super(exitCode(status), message);
        this.status = status;
    }

    /** The HTTP status, or 0 when main-server did not answer. */
    int status() {
        return status;
    }

    /** 401/403, unreachable or 5xx: nothing later in a run can succeed either. */
    boolean endsTheRun() {
        return status == 0 || status == 401 || status == 403 || status >= 500;
    }

    private static int exitCode(int status) {
        if (status == 401 || status == 403) {
            return ExitCodes.UNAUTHORIZED;
        }
        if (status == 0 || status >= 500) {
            return ExitCodes.UNAVAILABLE;
        }
        return ExitCodes.REFUSED;
    }
}
