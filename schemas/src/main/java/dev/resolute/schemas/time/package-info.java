/** Where a chunk's frames lie in source time and on the wall clock, for every reader of chunks. */
package dev.resolute.schemas.time;
