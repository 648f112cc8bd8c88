/**
 * Recorded traffic: {@code record} copies a topic's chunks for a time range into a file,
 * {@code replay} publishes a recording, a topic's range or a folder of videos again at a chosen
 * speed, as N cameras, in a loop. The load test with its report comes next.
 */
package dev.resolute.loadtest;
