/**
 * Kafka brokers that Resolute starts itself: a real KRaft broker in a child JVM on loopback, used by
 * the demo and by integration tests where no broker is given.
 */
package dev.resolute.testkit.broker;
