/**
 * What the lane knows: the resident registry as an immutable index that a central delta replaces
 * ({@link io.parkgate.agent.registry.Registry}), and the vehicles inside
 * ({@link io.parkgate.agent.registry.OpenStays}, records the journal stores as
 * {@link io.parkgate.agent.registry.OpenStay}). Both match plates up to confusable characters.
 */
package io.parkgate.agent.registry;
