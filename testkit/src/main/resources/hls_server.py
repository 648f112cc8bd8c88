# A live HLS source for ingest tests: GStreamer's hlssink2 (Debian: gstreamer1.0-plugins-bad, python3-gi,
# gstreamer1.0-plugins-ugly for x264enc) cuts a live H.264 test pattern (320x240, 25 fps, main profile,
# 2 B-frames, one keyframe every 2 s) into 2 s MPEG-TS segments in DIR, and a loopback HTTP server serves
# DIR: http://127.0.0.1:PORT/playlist.m3u8. Prints "ready" once the playlist lists two segments, so that a
# reader starting then has something to read. With --frames N the pattern stops after N frames: hlssink2
# writes the last segment and #EXT-X-ENDLIST (a finished event stream, as a VOD serves), and "ready" waits for that.
#   hls_server.py PORT DIR [--frames N]
import functools, http.server, os, sys, threading, time, gi
gi.require_version('Gst', '1.0')
from gi.repository import Gst, GLib
Gst.init(None)
port, folder = int(sys.argv[1]), sys.argv[2]
frames = int(sys.argv[4]) if len(sys.argv) > 4 and sys.argv[3] == '--frames' else -1
playlist = os.path.join(folder, 'playlist.m3u8')
pipeline = Gst.parse_launch(
    'videotestsrc is-live=true pattern=ball num-buffers=%d ! ' % frames + 'video/x-raw,width=320,height=240,framerate=25/1 ! '
    'x264enc bframes=2 b-adapt=false key-int-max=50 rc-lookahead=10 bitrate=400 speed-preset=veryfast ! '
    'video/x-h264,profile=main ! h264parse ! '
    'hlssink2 target-duration=2 playlist-length=5 max-files=10 '
    'location="%s" playlist-location="%s"' % (os.path.join(folder, 'segment%05d.ts'), playlist))
pipeline.set_state(Gst.State.PLAYING)

class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

httpd = http.server.ThreadingHTTPServer(('127.0.0.1', port), functools.partial(Quiet, directory=folder))
threading.Thread(target=httpd.serve_forever, daemon=True).start()
def served():
    text = open(playlist).read() if os.path.exists(playlist) else ''
    return '#EXT-X-ENDLIST' in text if frames >= 0 else text.count('#EXTINF') >= 2
while not served():
    time.sleep(0.2)
print('ready', flush=True)
GLib.MainLoop().run()
