package io.parkgate.agent.registry;

import io.parkgate.plate.Candidate;
import io.parkgate.plate.MatchResult;
import java.util.List;
import java.util.Optional;

/**
 * A read matched against the plates of the vehicles inside.
 *
 * @param result how the read matched
 * @param stays  the stay of each candidate, in the candidates' order
 */
public record StayMatch(MatchResult result, List<OpenStay> stays) {

    public StayMatch {
        stays = List.copyOf(stays);
    }

    /** The stay of one of the result's candidates. */
    public Optional<OpenStay> stayOf(Candidate candidate) {
        int i = result.candidates().indexOf(candidate);
        return i < 0 || i >= stays.size() ? Optional.empty() : Optional.of(stays.get(i));
    }
}
