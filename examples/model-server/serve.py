#!/usr/bin/env python3
"""A tiny model server that honours the SageMaker inference container contract, with the standard library only.

- Listens on 0.0.0.0:$SAGEMAKER_BIND_TO_PORT (8080 when unset, as in a SageMaker container).
- Reads its "model" from $SM_MODEL_DIR/model.json (default /opt/ml/model): {"weight": <number>, "name": "..."}.
  Without the file the weight is 1.0.
- GET /ping answers 200 once the model is loaded.
- POST /invocations takes CSV with a header (text/csv) and answers CSV: every input column, then
  `score` (= weight x the length of the first column's value) and `inference_error` (empty when the row is fine;
  a row whose first column is empty gets an error there instead of failing the whole request).
- Exits cleanly on SIGTERM.

Try it with local-cloud: CreateModel with PrimaryContainer.Image "python3 /path/to/serve.py" and a
ModelDataUrl pointing at a model.tar.gz that holds model.json.
"""
import csv
import io
import json
import os
import signal
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MODEL_DIR = os.environ.get("SM_MODEL_DIR", "/opt/ml/model")
PORT = int(os.environ.get("SAGEMAKER_BIND_TO_PORT", "8080"))


def load_model():
    path = os.path.join(MODEL_DIR, "model.json")
    if not os.path.exists(path):
        return {"weight": 1.0, "name": "default"}
    with open(path, encoding="utf-8") as f:
        model = json.load(f)
    model.setdefault("weight", 1.0)
    model.setdefault("name", "unnamed")
    return model


MODEL = load_model()


def predict(body: bytes) -> bytes:
    reader = csv.reader(io.StringIO(body.decode("utf-8")))
    rows = list(reader)
    if not rows:
        raise ValueError("empty payload: expected CSV with a header row")
    header, data = rows[0], rows[1:]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header + ["score", "inference_error"])
    for row in data:
        first = row[0] if row else ""
        if first == "":
            writer.writerow(row + ["", "first column is empty"])
        else:
            writer.writerow(row + [f"{MODEL['weight'] * len(first):.4f}", ""])
    return out.getvalue().encode("utf-8")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        if self.path == "/ping":
            self.reply(200, "application/json", json.dumps({"status": "healthy", "model": MODEL["name"]}).encode())
        else:
            self.reply(404, "text/plain", b"not found")

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length)
        if self.path != "/invocations":
            self.reply(404, "text/plain", b"not found")
            return
        content_type = self.headers.get("Content-Type", "text/csv")
        if "csv" not in content_type:
            self.reply(415, "text/plain", f"unsupported content type {content_type}; send text/csv".encode())
            return
        try:
            self.reply(200, "text/csv", predict(body))
        except (ValueError, UnicodeDecodeError) as e:
            self.reply(400, "text/plain", str(e).encode())

    def reply(self, status, content_type, body):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, fmt, *args):
        sys.stdout.write("%s %s\n" % (self.address_string(), fmt % args))
        sys.stdout.flush()


def main():
    server = ThreadingHTTPServer(("0.0.0.0", PORT), Handler)

    def stop(signum, frame):
        print("SIGTERM received, shutting down", flush=True)
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    print(f"model server '{MODEL['name']}' (weight {MODEL['weight']}) listening on {PORT}, model dir {MODEL_DIR}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
