/**
 * Avro records that travel on Resolute's topics. The classes are generated from {@code src/main/avro};
 * {@code history/} holds every released version of each schema so that readers resolve old writers.
 */
package dev.resolute.schemas;
