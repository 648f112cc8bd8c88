#!/usr/bin/env bash
# Starts a single-node KRaft broker from /opt/kafka/config/server.properties. Whoever starts the
# container puts that file there: before the start (the tests do, on the host's network), or after
# it when the broker must advertise a published port that is only known then; this waits for it.
set -euo pipefail
config=/opt/kafka/config/server.properties
for ((i = 0; i < 600; i++)); do
  [[ -f "$config" ]] && break
  sleep 0.1
done
[[ -f "$config" ]] || { echo "error: no $config within 60 s" >&2; exit 2; }
# Kafka logs through SLF4J, bound to slf4j-simple on this class path (as in the embedded broker):
# warnings and errors, and the server's start-up line, which the tests wait for
java=(java -Djava.awt.headless=true -Dorg.slf4j.simpleLogger.defaultLogLevel=warn
  -Dorg.slf4j.simpleLogger.log.kafka.server.KafkaRaftServer=info -cp '/opt/kafka/lib/*')
cluster_id="${CLUSTER_ID:-$("${java[@]}" kafka.tools.StorageTool random-uuid)}"
"${java[@]}" kafka.tools.StorageTool format -t "$cluster_id" -c "$config" --ignore-formatted >/dev/null
exec "${java[@]}" -Xms128m -Xmx1g -XX:+UseG1GC kafka.Kafka "$config"
