// The login's puzzle (LoginChallenge): after many wrong passwords from here, a try must bring a
// number n such that SHA-256 of "puzzle:n" starts with so many zero bits. Solved here, in slices,
// so the page stays responsive; the button waits until it is done.
(function () {
  "use strict";
  var field = document.getElementById("challenge");
  var answer = document.getElementById("challenge-answer");
  var status = document.getElementById("challenge-status");
  var button = document.getElementById("login-submit");
  if (!field || !answer) {
    return;
  }
  var puzzle = field.value;
  var bits = parseInt(field.getAttribute("data-bits"), 10) || 16;
  var script = document.currentScript;
  if (button) {
    button.disabled = true;
  }

  var K = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
  ];

  // SHA-256 of an ASCII string: the first 32-bit word is all the puzzle needs
  function firstWord(text) {
    var n = text.length;
    var words = new Array((((n + 8) >> 6) + 1) * 16).fill(0);
    for (var i = 0; i < n; i++) {
      words[i >> 2] |= (text.charCodeAt(i) & 0xff) << (24 - (i % 4) * 8);
    }
    words[n >> 2] |= 0x80 << (24 - (n % 4) * 8);
    words[words.length - 1] = n * 8;
    var h = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
      0x5be0cd19];
    var w = new Array(64);
    for (var block = 0; block < words.length; block += 16) {
      for (var t = 0; t < 64; t++) {
        if (t < 16) {
          w[t] = words[block + t] | 0;
        } else {
          var a = w[t - 15], b = w[t - 2];
          var s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
          var s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
          w[t] = (w[t - 16] + s0 + w[t - 7] + s1) | 0;
        }
      }
      var A = h[0], B = h[1], C = h[2], D = h[3], E = h[4], F = h[5], G = h[6], H = h[7];
      for (var r = 0; r < 64; r++) {
        var S1 = ((E >>> 6) | (E << 26)) ^ ((E >>> 11) | (E << 21)) ^ ((E >>> 25) | (E << 7));
        var ch = (E & F) ^ (~E & G);
        var t1 = (H + S1 + ch + K[r] + w[r]) | 0;
        var S0 = ((A >>> 2) | (A << 30)) ^ ((A >>> 13) | (A << 19)) ^ ((A >>> 22) | (A << 10));
        var maj = (A & B) ^ (A & C) ^ (B & C);
        var t2 = (S0 + maj) | 0;
        H = G; G = F; F = E; E = (D + t1) | 0; D = C; C = B; B = A; A = (t1 + t2) | 0;
      }
      h[0] = (h[0] + A) | 0; h[1] = (h[1] + B) | 0; h[2] = (h[2] + C) | 0; h[3] = (h[3] + D) | 0;
      h[4] = (h[4] + E) | 0; h[5] = (h[5] + F) | 0; h[6] = (h[6] + G) | 0; h[7] = (h[7] + H) | 0;
    }
    return h[0] >>> 0;
  }

  // bits is at most 32 here: the first word is enough
  var limit = bits >= 32 ? 1 : Math.pow(2, 32 - bits);
  var next = 0;
  function slice() {
    var end = next + 5000;
    for (; next < end; next++) {
      if (firstWord(puzzle + ":" + next) < limit) {
        answer.value = String(next);
        if (button) {
          button.disabled = false;
        }
        if (status && script && script.getAttribute("data-done")) {
          status.textContent = script.getAttribute("data-done");
        }
        return;
      }
    }
    setTimeout(slice, 0);
  }
  setTimeout(slice, 0);
})();
