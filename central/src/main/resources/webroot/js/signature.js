// A signature drawn on the screen with a finger, stylus or mouse; kept as a PNG data URL.
export function signaturePad(canvas) {
  const ctx = canvas.getContext('2d');
  let drawing = false;
  let strokes = 0;
  const fit = () => {
    const r = canvas.getBoundingClientRect();
    canvas.width = Math.round(r.width);
    canvas.height = Math.round(r.height);
    ctx.lineWidth = 3;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.strokeStyle = '#111';
  };
  fit();
  const at = ev => {
    const r = canvas.getBoundingClientRect();
    return [ev.clientX - r.left, ev.clientY - r.top];
  };
  canvas.addEventListener('pointerdown', ev => {
    drawing = true;
    canvas.setPointerCapture?.(ev.pointerId);
    ctx.beginPath();
    ctx.moveTo(...at(ev));
  });
  canvas.addEventListener('pointermove', ev => {
    if (!drawing) return;
    ctx.lineTo(...at(ev));
    ctx.stroke();
    strokes++;
  });
  const end = () => { drawing = false; };
  canvas.addEventListener('pointerup', end);
  canvas.addEventListener('pointerleave', end);
  return {
    isEmpty: () => strokes === 0,
    clear: () => { ctx.clearRect(0, 0, canvas.width, canvas.height); strokes = 0; },
    dataUrl: () => canvas.toDataURL('image/png'),
  };
}
