#!/usr/bin/env bash
# Starts a single-node KRaft broker once its configuration is in place. Whoever starts the container
# copies /opt/kafka/config/server.properties in after the start, when the host port that clients
# must be told (advertised.listeners) is known.
set -euo pipefail
config=/opt/kafka/config/server.properties
for ((i = 0; i < 600; i++)); do
  [[ -f "$config" ]] && break
  sleep 0.1
done
[[ -f "$config" ]] || { echo "error: no $config within 60 s" >&2; exit 2; }
classpath='/opt/kafka/lib/*'
cluster_id="${CLUSTER_ID:-$(java -cp "$classpath" kafka.tools.StorageTool random-uuid)}"
java -cp "$classpath" kafka.tools.StorageTool format -t "$cluster_id" -c "$config" --ignore-formatted >/dev/null
exec java -Xms128m -Xmx1g -XX:+UseG1GC -Djava.awt.headless=true \
  -Dlog4j2.configurationFile=/opt/kafka/log4j2.properties -cp "$classpath" kafka.Kafka "$config"
