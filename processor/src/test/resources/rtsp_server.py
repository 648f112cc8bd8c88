# A real RTSP server for LiveCameraIngestIT: GStreamer's rtsp-server (Debian: gir1.2-gst-rtsp-server-1.0,
# python3-gi, gstreamer1.0-plugins-ugly) serving a live 320x240 H.264 test pattern at rtsp://127.0.0.1:PORT/cam.
import sys, gi
gi.require_version('Gst', '1.0'); gi.require_version('GstRtspServer', '1.0')
from gi.repository import Gst, GstRtspServer, GLib
Gst.init(None)
server = GstRtspServer.RTSPServer(); server.set_service(sys.argv[1])
factory = GstRtspServer.RTSPMediaFactory()
factory.set_launch('( videotestsrc is-live=true pattern=ball ! video/x-raw,width=320,height=240,framerate=10/1 ! x264enc tune=zerolatency key-int-max=10 bitrate=300 ! rtph264pay name=pay0 pt=96 config-interval=1 )')
factory.set_shared(True)
server.get_mount_points().add_factory('/cam', factory)
server.attach(None)
print('ready', flush=True)
GLib.MainLoop().run()
