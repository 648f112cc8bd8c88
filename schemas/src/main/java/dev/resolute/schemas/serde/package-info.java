/** Kafka serdes for the Avro records, in Avro's single-object encoding (fingerprint + body). */
package dev.resolute.schemas.serde;
