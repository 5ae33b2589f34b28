package io.sam6d.main.compute;

import java.util.List;

/**
 * Which replica of a compute server to call. Callers try the list in order and move on to the next replica on a
 * connection error or a 5xx, so a deployment scales and survives a dead replica by listing more URLs.
 */
public interface ComputeEndpoints {

    /** Every configured replica base URL (no trailing slash), the ones believed healthy first; never empty. */
    List<String> candidates(ComputeService service);
}
