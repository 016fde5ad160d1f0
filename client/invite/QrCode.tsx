import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

/**
 * A link as a QR code image. Drawn by the `qrcode` library as SVG, so it stays sharp at any size:
 * a panel's few centimetres or a projector's whole height. Error correction M survives a phone
 * scanning a projected, slightly blurred image.
 */
export function QrCode({ value, label, className }: { value: string; label: string; className?: string }) {
  const [source, setSource] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    QRCode.toString(value, { type: 'svg', errorCorrectionLevel: 'M', margin: 2, color: { dark: '#000000', light: '#ffffff' } }).then(
      (svg) => current && setSource(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`),
      () => current && setSource(null),
    );
    return () => {
      current = false;
    };
  }, [value]);
  if (!source) return <div className={`qr-code qr-placeholder ${className ?? ''}`} aria-hidden="true" />;
  return <img className={`qr-code ${className ?? ''}`} src={source} alt={label} />;
}
