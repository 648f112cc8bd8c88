# A continuous MPEG-TS stream over HTTP, as encoders and IPTV gateways serve it: each GET of
# http://127.0.0.1:PORT/stream.ts gets its own live H.264 test pattern (320x240, 25 fps, main profile,
# 2 B-frames, one keyframe every 2 s) muxed by mpegtsmux, piped from gst-launch-1.0 (Debian:
# gstreamer1.0-tools, gstreamer1.0-plugins-bad, gstreamer1.0-plugins-ugly) until the client hangs up.
# Prints "ready" once it listens.
#   ts_http_server.py PORT
import http.server, shutil, subprocess, sys
PIPELINE = ['gst-launch-1.0', '-q',
            'videotestsrc', 'is-live=true', 'pattern=ball', '!', 'video/x-raw,width=320,height=240,framerate=25/1', '!',
            'x264enc', 'bframes=2', 'b-adapt=false', 'key-int-max=50', 'rc-lookahead=10', 'bitrate=400',
            'speed-preset=veryfast', '!', 'video/x-h264,profile=main', '!', 'h264parse', '!',
            'mpegtsmux', '!', 'fdsink', 'fd=1']

class Stream(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path != '/stream.ts':
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header('Content-Type', 'video/mp2t')
        self.end_headers()
        gst = subprocess.Popen(PIPELINE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        try:
            shutil.copyfileobj(gst.stdout, self.wfile, 188 * 7)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client hung up, as clients of a live stream do
        finally:
            gst.kill()
            gst.wait()

    def log_message(self, *args):
        pass

httpd = http.server.ThreadingHTTPServer(('127.0.0.1', int(sys.argv[1])), Stream)
httpd.daemon_threads = True
print('ready', flush=True)
httpd.serve_forever()
