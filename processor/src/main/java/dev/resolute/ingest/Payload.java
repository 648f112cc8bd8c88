package dev.resolute.ingest;

/** Encoded bytes of one chunk, with where it starts on the source's timeline. */
record Payload(byte[] bytes, String codec, double firstSeconds, int frames) {}
