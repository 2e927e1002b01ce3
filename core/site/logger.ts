import type { AstroLoggerDestination, AstroLoggerLevel } from "astro";
import nodeDestination from "astro/logger/node";

/**
 * Astro warns at every read of an empty collection, "Please check your content config file for
 * errors". In a registry that is expected (no drift report yet, no git history yet, no models
 * at all in a new one), and the pages say so themselves: the warning only misleads.
 */
const EMPTY_COLLECTION = /^The collection "[^"]*" does not exist or is empty\./;

/**
 * Astro's own terminal log without the empty-collection warning. Astro loads this module by path
 * (`logger.entrypoint`), in its process and in the bundle that renders pages.
 */
export default function almanacLogDestination(config: { level?: AstroLoggerLevel } = {}): AstroLoggerDestination {
  const destination = nodeDestination(config);
  return {
    write(event) {
      if (event.label === "content" && EMPTY_COLLECTION.test(event.message)) return;
      destination.write(event);
    },
  };
}
