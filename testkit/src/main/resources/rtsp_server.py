# A real RTSP server for live-camera tests: GStreamer's rtsp-server (Debian: gir1.2-gst-rtsp-server-1.0,
# python3-gi, gstreamer1.0-plugins-ugly) at rtsp://127.0.0.1:PORT/cam. Prints "ready" once it listens.
#   rtsp_server.py PORT                  live 320x240 10 fps test pattern, baseline-like (zerolatency: no B-frames)
#   rtsp_server.py PORT --bframes        live 320x240 25 fps, main profile with 2 B-frames and a 2 s GOP, as
#                                        surveillance cameras with "smart" codecs send it
#   rtsp_server.py PORT --file CLIP.mp4  an H.264 MP4 (e.g. the corpus's h264_bframes.mp4) as it is, not re-encoded
import sys, gi
gi.require_version('Gst', '1.0'); gi.require_version('GstRtspServer', '1.0')
from gi.repository import Gst, GstRtspServer, GLib
Gst.init(None)
port, options = sys.argv[1], sys.argv[2:]
PAY = 'rtph264pay name=pay0 pt=96 config-interval=1'
if '--file' in options:
    clip = options[options.index('--file') + 1]
    launch = '( filesrc location="%s" ! qtdemux ! h264parse ! %s )' % (clip, PAY)
elif '--bframes' in options:
    # tune=zerolatency would turn B-frames off; b-adapt off keeps x264 from deciding a slow scene needs none
    launch = ('( videotestsrc is-live=true pattern=ball ! video/x-raw,width=320,height=240,framerate=25/1 ! '
              'x264enc bframes=2 b-adapt=false key-int-max=50 rc-lookahead=10 bitrate=400 speed-preset=veryfast ! '
              'video/x-h264,profile=main ! %s )' % PAY)
else:
    launch = ('( videotestsrc is-live=true pattern=ball ! video/x-raw,width=320,height=240,framerate=10/1 ! '
              'x264enc tune=zerolatency key-int-max=10 bitrate=300 ! %s )' % PAY)
server = GstRtspServer.RTSPServer(); server.set_service(port)
factory = GstRtspServer.RTSPMediaFactory()
factory.set_launch(launch)
factory.set_shared('--file' not in options)  # a file plays from its start for each client
server.get_mount_points().add_factory('/cam', factory)
server.attach(None)
print('ready', flush=True)
GLib.MainLoop().run()
