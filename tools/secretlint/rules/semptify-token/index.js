// secretlint rule: Semptify bearer tokens (smpa_ admin, smpu_ user, smps_ share).
// A token is <prefix>_<43 base62><6 base62 CRC32 of everything before it>; only candidates whose
// checksum matches are reported, so random look-alikes do not raise false alarms.
"use strict";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const TOKEN = /\b(smp[aus])_([0-9A-Za-z]{43})([0-9A-Za-z]{6})\b/g;

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) {
      c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    }
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(text) {
  let crc = 0xffffffff;
  for (let i = 0; i < text.length; i++) {
    crc = CRC_TABLE[(crc ^ text.charCodeAt(i)) & 0xff] ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function base62(value, length) {
  let out = "";
  for (let i = 0; i < length; i++) {
    out = ALPHABET[value % 62] + out;
    value = Math.floor(value / 62);
  }
  return out;
}

const messages = {
  SEMPTIFY_TOKEN: {
    en: () => "found a Semptify token (smpa_ admin, smpu_ user or smps_ share): revoke or rotate it, and keep it out of git",
  },
};


const creator = {
  messages,
  meta: {
    id: "semptify-token",
    recommended: true,
    type: "scanner",
    supportedContentTypes: ["text"],
    docs: { url: "https://example.invalid/semptify/SECURITY.md" },
  },
  create(context) {
    const t = context.createTranslator(messages);
    return {
      file(source) {
        for (const match of source.content.matchAll(TOKEN)) {
          const head = `${match[1]}_${match[2]}`;
          if (base62(crc32(head), 6) === match[3]) {
            context.report({
              message: t("SEMPTIFY_TOKEN"),
              range: [match.index, match.index + match[0].length],
            });
          }
        }
      },
    };
  },
};

module.exports.creator = creator;
