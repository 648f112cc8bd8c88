#!/usr/bin/env python3
"""Read Resolute's masks and cost records from Kafka in Python, and colour the masks.

A worked example of the consumer guide, docs/consuming.md. It needs only
Debian's packages: python3-confluent-kafka and python3-avro (no schema registry, no PIL).

    python3 deploy/examples/consume_masks.py --bootstrap-servers localhost:9092 --out masks-png

For every frame it prints one line, joining the frame's mask with its cost record on
(camera, frame index, capture time):

    frame demo-cam 42 level 0 stride 1 latency 812 ms 320x240 background 0.71 red 0.12 ...
    skipped demo-cam 43 stride 2

and with --out writes each mask as a colour PNG (class 0 black, others from the palette below).
It stops after --idle-seconds without a record, and prints a summary line.
"""
import argparse
import glob
import io
import json
import os
import struct
import sys
import uuid
import zlib

import avro.io
import avro.schema
from confluent_kafka import Consumer, KafkaException

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))
# Every released schema version (readers must know each one a producer may have written), and the current ones.
DEFAULT_SCHEMAS = [os.path.join(REPO, "schemas/src/main/resources/dev/resolute/schemas/history"),
                   os.path.join(REPO, "schemas/src/main/avro")]

# Class index -> RGB, as the live viewer draws them; class 0 (background) stays black.
PALETTE = [(0, 0, 0), (255, 215, 0), (0, 191, 255), (255, 20, 147), (124, 252, 0), (255, 140, 0),
           (148, 0, 211), (0, 206, 209), (255, 69, 0), (173, 255, 47)]

# --- Avro single-object encoding -------------------------------------------------------------
# Each value is: C3 01, then the writer schema's CRC-64-AVRO fingerprint (8 bytes, little-endian)
# of its Parsing Canonical Form, then the record in Avro binary. The fingerprint says which schema
# version wrote it; decode with that schema as the writer and your own as the reader.
MAGIC = b"\xc3\x01"
EMPTY = 0xC15D213AA4D7A795  # the CRC-64-AVRO of nothing, from the Avro specification
_TABLE = []
for _i in range(256):
    _fp = _i
    for _ in range(8):
        _fp = (_fp >> 1) ^ (EMPTY & -(_fp & 1))
    _TABLE.append(_fp)


def fingerprint(canonical_form):
    fp = EMPTY
    for byte in canonical_form.encode("utf-8"):
        fp = (fp >> 8) ^ _TABLE[(fp ^ byte) & 0xFF]
    return fp


class SchemaBook:
    """Writer schemas by fingerprint, and the newest schema of each record name as the reader."""

    def __init__(self, dirs):
        self.writers = {}
        self.readers = {}
        for d in dirs:
            for path in sorted(glob.glob(os.path.join(d, "*.avsc"))):
                with open(path, encoding="utf-8") as f:
                    schema = avro.schema.parse(f.read())
                self.writers[fingerprint(schema.canonical_form)] = schema
                # history files come first, oldest to newest, then the current schema: the last one wins
                self.readers[schema.fullname] = schema
        if not self.writers:
            sys.exit("no .avsc files under %s" % dirs)

    def decode(self, value, record):
        if value[:2] != MAGIC:
            raise ValueError("not Avro single-object encoding (no C3 01 header)")
        (fp,) = struct.unpack("<Q", value[2:10])
        writer = self.writers.get(fp)
        if writer is None:
            raise ValueError("unknown writer schema fingerprint %016x: a newer release? update the schemas" % fp)
        reader = self.readers["dev.resolute.schemas." + record]
        return avro.io.DatumReader(writer, reader).read(avro.io.BinaryDecoder(io.BytesIO(value[10:])))


# --- PNG_GRAY8 masks: grey value = class index -----------------------------------------------
def read_gray_png(data):
    """Decodes an 8-bit greyscale, non-interlaced PNG (what Resolute writes) into (width, height, rows)."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, width, height = 8, b"", 0, 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or colour != 0 or interlace != 0:
                raise ValueError("expected an 8-bit greyscale PNG, got depth %d colour type %d" % (depth, colour))
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw, rows, previous = zlib.decompress(idat), [], bytearray(width)
    for y in range(height):
        kind, line = raw[y * (width + 1)], bytearray(raw[y * (width + 1) + 1:(y + 1) * (width + 1)])
        for x in range(width):  # undo the row filter (PNG spec, section 9)
            a = line[x - 1] if x else 0
            b, c = previous[x], previous[x - 1] if x else 0
            if kind == 1:
                line[x] = (line[x] + a) & 0xFF
            elif kind == 2:
                line[x] = (line[x] + b) & 0xFF
            elif kind == 3:
                line[x] = (line[x] + (a + b) // 2) & 0xFF
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        rows.append(bytes(line))
        previous = line
    return width, height, rows


def colour(c):
    return PALETTE[c] if c < len(PALETTE) else ((c * 97) % 256, (c * 57) % 256, (c * 37) % 256)


def write_colour_png(path, width, height, rows):
    """Class indices -> palette colours, as an RGB PNG an image viewer shows."""
    raw = b"".join(b"\x00" + bytes(v for c in row for v in colour(c)) for row in rows)

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


# --- Joining masks with costs -----------------------------------------------------------------
def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bootstrap-servers", required=True)
    parser.add_argument("--group", help="consumer group (default: a new one, reading from the beginning)")
    parser.add_argument("--schemas", action="append", help="folder of .avsc files (default: the repository's)")
    parser.add_argument("--out", help="write each mask as a colour PNG here")
    parser.add_argument("--idle-seconds", type=float, default=10, help="stop after this long without a record")
    args = parser.parse_args()
    book = SchemaBook(args.schemas or DEFAULT_SCHEMAS)
    if args.out:
        os.makedirs(args.out, exist_ok=True)

    consumer = Consumer({
        "bootstrap.servers": args.bootstrap_servers,
        "group.id": args.group or "resolute-example-" + uuid.uuid4().hex[:8],
        "auto.offset.reset": "earliest",
        # The processor writes a chunk's masks, costs and input offset in one transaction. An instance
        # that crashes or is fenced leaves an aborted transaction behind, and its chunk is processed again:
        # read_uncommitted would show those frames twice (and some never committed at all).
        "isolation.level": "read_committed",
        "enable.auto.commit": False,
        # masks are PNGs at the camera's resolution: a 4K frame's mask can pass 1 MB
        "fetch.max.bytes": 64 * 1024 * 1024,
        "max.partition.fetch.bytes": 64 * 1024 * 1024,
    })
    consumer.subscribe(["masks", "frame-costs"])
    # (camera, frame index, capture time) -> record, until its partner arrives. Frame indices start again
    # at 0 when a camera's ingest (or a replay) starts again; the capture time tells those frames apart.
    masks, costs = {}, {}
    shown = skipped = 0
    idle = 0.0
    try:
        while idle < args.idle_seconds:
            message = consumer.poll(0.5)
            if message is None:
                idle += 0.5
                continue
            if message.error():
                raise KafkaException(message.error())
            idle = 0.0
            if message.topic() == "masks":
                record = book.decode(message.value(), "SegmentationMask")
                masks[frame_key(record)] = record
            else:
                record = book.decode(message.value(), "FrameCost")
                key = frame_key(record)
                if record["skipped"]:
                    # a frame the stride skipped has a cost record (skipped = true) and no mask
                    print("skipped %s %d stride %d" % (key[0], key[1], record["stride"]), flush=True)
                    skipped += 1
                    continue
                costs[key] = record
            for key in [k for k in masks if k in costs]:
                mask, cost = masks.pop(key), costs.pop(key)
                show(mask, cost, args.out)
                shown += 1
    finally:
        consumer.close()
    print("summary: %d frames with mask and cost, %d skipped, %d masks and %d costs still unpaired"
          % (shown, skipped, len(masks), len(costs)), flush=True)


def frame_key(record):
    return record["cameraId"], record["frameIndex"], record.get("captureTimeMs")


def show(mask, cost, out):
    if mask["maskEncoding"] != "PNG_GRAY8":
        raise ValueError("unknown mask encoding " + mask["maskEncoding"])
    width, height, rows = read_gray_png(mask["mask"])
    fractions = " ".join("%s %.2f" % (name, f) for name, f in zip(mask["classNames"], mask["classFractions"]))
    print("frame %s %d level %d stride %d latency %.0f ms %dx%d %s" % (
        mask["cameraId"], mask["frameIndex"], cost["level"], cost["stride"], cost["endToEndLatencyMs"], width, height,
        fractions), flush=True)
    if out:
        write_colour_png(os.path.join(out, "%s-%06d.png" % (mask["cameraId"], mask["frameIndex"])), width, height, rows)


if __name__ == "__main__":
    main()
