#!/usr/bin/python3
"""Common kernels on native uint8/float32 images against OpenCV (and one large median against scipy).

Outside issue 14's bar: the rows a user of cv2.medianBlur, cv2.blur and cv2.dilate would try
first. One thread each (cv2.setNumThreads(1); kfilter --threads 1), 2048x2048 noise, cv2 with
BORDER_REFLECT and kfilter with mode reflect (mirror for the median, which is cv2's border
there); the anchor's median of 12 runs after 3, kfilter's `bench` median of 15 after its warm-up.
Prints README table rows.

    go build -o /tmp/kfilter ./cmd/kfilter && /usr/bin/python3 testdata/bench/native.py /tmp/kfilter

Needs Debian's python3-opencv and python3-scipy. Not a test: CI has no Python.
"""
import json, subprocess, sys, time
import cv2
import numpy as np
import scipy.ndimage as ndi
kf=sys.argv[1]
cv2.setNumThreads(1)
rng=np.random.default_rng(1)
def t(f, n=15, skip=3):
    ts=[]
    for i in range(n):
        s=time.perf_counter(); f(); ts.append(time.perf_counter()-s)
    return np.median(ts[skip:])*1e3
def kfb(e, size, shape, dt, extra=[]):
    r=subprocess.run([kf,"bench","-e",e,"--size",size,"--shape",shape,"--dtype",dt,"--threads","1","--repeat","15","--json"]+extra,capture_output=True,text=True)
    j=json.loads(r.stdout); return j["ms"], j["path"][:60]
A={}
def arr(dt,n):
    k=(dt,n)
    if k not in A:
        A[k]=rng.random((n,n),dtype=np.float32) if dt=="float32" else rng.integers(0,256,(n,n),dtype=np.uint8)
    return A[k]
k5=np.ones((5,5),np.uint8); k15=np.ones((15,15),np.uint8)
rows=[("f32 median 5x5","median(values)","5x5","float32",2048,["--mode","mirror"],lambda a:cv2.medianBlur(a,5),"cv2.medianBlur"),
("u8 max 15x15","max(values)","15x15","uint8",2048,["--mode","reflect"],lambda a:cv2.dilate(a,k15,borderType=cv2.BORDER_REFLECT),"cv2.dilate"),
("f32 max 15x15","max(values)","15x15","float32",2048,["--mode","reflect"],lambda a:cv2.dilate(a,k15,borderType=cv2.BORDER_REFLECT),"cv2.dilate"),
("f32 max 5x5","max(values)","5x5","float32",2048,["--mode","reflect"],lambda a:cv2.dilate(a,k5,borderType=cv2.BORDER_REFLECT),"cv2.dilate"),
("u8 mean 5x5","mean(values)","5x5","uint8",2048,["--mode","reflect"],lambda a:cv2.blur(a,(5,5),borderType=cv2.BORDER_REFLECT),"cv2.blur"),
("u8 mean 15x15","mean(values)","15x15","uint8",2048,["--mode","reflect"],lambda a:cv2.blur(a,(15,15),borderType=cv2.BORDER_REFLECT),"cv2.blur"),
]
for name,e,size,dt,n,ex,f,an in rows:
    a=arr(dt,n); c=t(lambda:f(a)); k,p=kfb(e,size,f"{n}x{n}",dt,ex)
    print(f"| {name}, {n}² | {an} (1 thread) | {c:.2f} | {k:.2f} | {c/k:.2f}x | {p} |", flush=True)
a=arr("float32",512)
c=t(lambda:ndi.median_filter(a,size=31),n=2,skip=0); k,p=kfb("median(values)","31x31","512x512","float32")
print(f"| f32 median 31x31, 512² | scipy.median_filter | {c:.0f} | {k:.1f} | {c/k:.1f}x | {p} |", flush=True)
