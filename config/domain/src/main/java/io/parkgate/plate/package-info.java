/**
 * Mainland plates, shared by agent and central: {@link io.parkgate.plate.Plate} normalises and
 * classifies a read; {@link io.parkgate.plate.PlateMatcher} (immutable) and
 * {@link io.parkgate.plate.ConfusableIndex} (growable) find the registered plates a read may stand for
 * when readers confuse 0/D/Q, 8/B, 2/Z, 5/S, 1/I/T, 6/G or miss the province character, and say how
 * ({@link io.parkgate.plate.MatchResult}). Two equally close candidates are never chosen between.
 */
package io.parkgate.plate;
