/** Decode: turns a chunk's encoded bytes back into frames, all or nothing. */
package dev.resolute.decode;
