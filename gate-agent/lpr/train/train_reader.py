#!/usr/bin/env python3
"""Trains the plate reader: a small convolutional CTC recogniser (LPRNet / CRNN style, no LSTM).

Reads the views written by `exec:java@training-set` (raw 128x32 BGR bytes + labels), trains on
one or two CPU threads, deterministically for a seed, and exports ONNX (opset 11) for OpenCV's dnn.
The output is [1, 73, 1, 32]: for each of 32 columns, scores of blank (0) and the 72 symbols in
io.parkgate.lpr.read.PlateAlphabet order. Run through gate-agent/lpr/train/rebuild-model.sh.
"""
import argparse
import hashlib
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"
DIGITS = "0123456789"
SUFFIXES = "警学挂港澳使领"
SYMBOLS = PROVINCES + LETTERS + DIGITS + SUFFIXES  # class k+1 is SYMBOLS[k]; class 0 is the CTC blank
INDEX = {c: i + 1 for i, c in enumerate(SYMBOLS)}
HEIGHT, WIDTH = 32, 128


def conv(cin, cout, k=3, p=1):
    return nn.Sequential(nn.Conv2d(cin, cout, k, padding=p, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


class PlateNet(nn.Module):
    """32x128 BGR (0..255) -> [N, classes, 1, 32] column scores."""

    def __init__(self, width=1.0, classes=len(SYMBOLS) + 1):
        super().__init__()
        c1, c2, c3, c4 = (int(round(c * width)) for c in (32, 64, 96, 128))
        self.body = nn.Sequential(
            conv(3, c1), nn.MaxPool2d(2),                       # 16x64
            conv(c1, c2), nn.MaxPool2d(2),                      # 8x32
            conv(c2, c3), conv(c3, c3), nn.MaxPool2d((2, 1)),   # 4x32
            conv(c3, c4, (4, 3), (0, 1)),                       # 1x32: the column sees the whole height
            nn.Dropout(0.2),
            conv(c4, c4, (1, 3), (0, 1)),                       # neighbouring columns: a character's context
            nn.Conv2d(c4, classes, 1))

    def forward(self, x):
        # Pixels arrive as 0..255 straight from OpenCV's blobFromImage.
        return self.body((x - 127.5) / 128.0)


def load(folder, name):
    labels = [line.split("\t") for line in open(os.path.join(folder, name + ".tsv"), encoding="utf-8").read().splitlines()]
    pixels = np.fromfile(os.path.join(folder, name + ".u8"), dtype=np.uint8)
    images = pixels.reshape(len(labels), HEIGHT, WIDTH, 3).transpose(0, 3, 1, 2)
    return np.ascontiguousarray(images), [l[0] for l in labels], [l[1] for l in labels]


def greedy(logits):
    """Best-path decoding without plate syntax (the Java reader adds it): for monitoring only."""
    best = logits.argmax(1).squeeze(1)  # [N, T]
    out = []
    for row in best.tolist():
        s, prev = [], 0
        for k in row:
            if k != prev and k != 0:
                s.append(SYMBOLS[k - 1])
            prev = k
        out.append("".join(s))
    return out


def accuracy(model, images, texts, batch=256):
    model.eval()
    right = 0
    with torch.no_grad():
        for i in range(0, len(texts), batch):
            x = torch.from_numpy(images[i:i + batch]).float()
            right += sum(a == b for a, b in zip(greedy(model(x)), texts[i:i + batch]))
    model.train()
    return right / max(1, len(texts))


def augment(x, gen):
    """Cheap per-batch jitter on top of the Java-side degradations: brightness, contrast, channel gains."""
    n = x.shape[0]
    gain = 0.75 + 0.5 * torch.rand(n, 1, 1, 1, generator=gen)
    offset = (torch.rand(n, 1, 1, 1, generator=gen) - 0.5) * 50
    channel = 0.9 + 0.2 * torch.rand(n, 3, 1, 1, generator=gen)
    return (x * gain * channel + offset).clamp(0, 255)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", required=True, help="folder with train.u8/tsv and heldout.u8/tsv")
    ap.add_argument("--out", required=True, help="ONNX file to write")
    ap.add_argument("--epochs", type=int, default=12)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--width", type=float, default=1.0, help="channel multiplier")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--limit", type=int, default=0, help="train on the first N views only (quick checks)")
    args = ap.parse_args()

    torch.manual_seed(args.seed)
    np.random.seed(args.seed)
    torch.use_deterministic_algorithms(True)
    torch.set_num_threads(args.threads)
    gen = torch.Generator().manual_seed(args.seed)

    images, texts, sources = load(args.data, "train")
    held_images, held_texts, _ = load(args.data, "heldout") if os.path.exists(os.path.join(args.data, "heldout.tsv")) else (np.zeros((0, 3, HEIGHT, WIDTH), np.uint8), [], [])
    # The last 1,000 synthetic views are kept aside to watch synthetic accuracy.
    synth = [i for i, s in enumerate(sources) if s == "synthetic"]
    val = synth[-1000:]
    val_set = set(val)
    train_idx = np.array([i for i in range(len(texts)) if i not in val_set])
    if args.limit:
        train_idx = train_idx[:args.limit]
    targets = [torch.tensor([INDEX[c] for c in t], dtype=torch.long) for t in texts]
    print(f"{len(train_idx)} training views ({sum(s.startswith('real') for s in sources)} from real crops), "
          f"{len(val)} synthetic and {len(held_texts)} held-out real for checking", flush=True)

    model = PlateNet(args.width)
    steps = args.epochs * (len(train_idx) // args.batch)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=1e-4)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=args.lr, total_steps=steps, pct_start=0.15)
    ctc = nn.CTCLoss(blank=0, zero_infinity=True)
    t0 = time.time()
    for epoch in range(args.epochs):
        order = train_idx[torch.randperm(len(train_idx), generator=gen).numpy()]
        total = 0.0
        for b in range(len(train_idx) // args.batch):
            idx = order[b * args.batch:(b + 1) * args.batch]
            x = augment(torch.from_numpy(images[idx]).float(), gen)
            logits = model(x).squeeze(2)                         # [N, C, T]
            logp = F.log_softmax(logits, 1).permute(2, 0, 1)     # [T, N, C]
            tg = [targets[i] for i in idx]
            loss = ctc(logp, torch.cat(tg), torch.full((len(idx),), logp.shape[0], dtype=torch.long),
                       torch.tensor([len(t) for t in tg], dtype=torch.long))
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            total += loss.item()
        print(f"epoch {epoch + 1}/{args.epochs}: loss {total / (b + 1):.3f}, "
              f"synthetic {accuracy(model, images[val], [texts[i] for i in val]):.3f}, "
              f"held-out real {accuracy(model, held_images, held_texts):.3f} ({time.time() - t0:.0f} s)", flush=True)

    model.eval()
    torch.onnx.export(model, torch.zeros(1, 3, HEIGHT, WIDTH), args.out, opset_version=11,
                      input_names=["plate"], output_names=["columns"], do_constant_folding=True)
    digest = hashlib.sha256(open(args.out, "rb").read()).hexdigest()
    print(f"wrote {args.out} ({os.path.getsize(args.out)} bytes, sha256 {digest[:16]}) after {time.time() - t0:.0f} s")


if __name__ == "__main__":
    sys.exit(main())
