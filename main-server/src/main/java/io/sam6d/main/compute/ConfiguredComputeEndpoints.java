package io.sam6d.main.compute;

import java.util.List;

/** Replicas in the order they are configured: used until health checks know better. */
public class ConfiguredComputeEndpoints implements ComputeEndpoints {

    private final ComputeServersSettings settings;

    public ConfiguredComputeEndpoints(ComputeServersSettings settings) {
        this.settings = settings;
    }

    @Override
    public List<String> candidates(ComputeService service) {
        return normalised(settings.of(service).urls());
    }

    /** Trimmed, without trailing slashes or blanks. */
    public static List<String> normalised(List<String> urls) {
        return urls.stream().map(String::trim).filter(u -> !u.isEmpty())
                .map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u).toList();
    }
}
