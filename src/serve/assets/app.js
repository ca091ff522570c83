"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  const XEP_LOAI = {
    xuat_sac: "Hoàn thành xuất sắc nhiệm vụ",
    tot: "Hoàn thành tốt nhiệm vụ",
    hoan_thanh: "Hoàn thành nhiệm vụ",
    khong_hoan_thanh: "Không hoàn thành nhiệm vụ",
    chua_xep_loai: "Chưa xếp loại",
  };
  const state = {
    file: null,          // the File, or null for the sample
    ready: false,        // data chosen
    kinds: [],
    rows: [],
    stt: null,           // chosen row, or "all"
    edited: {},          // kind -> edited template text
    word: {},            // kind -> a Word template (File) the user dropped
    served: [],          // the kinds as the server lists them
    original: {},        // kind -> template text as served
    previewSeq: 0,
    pageUrls: [],
  };

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") e.className = v; else e.setAttribute(k, v);
    }
    for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(c == null ? "" : String(c)));
    return e;
  }

  function form(extra) {
    const fd = new FormData();
    if (state.file) fd.append("file", state.file, state.file.name);
    for (const [k, v] of Object.entries(extra || {})) if (v !== null && v !== undefined) fd.append(k, v);
    return fd;
  }

  async function errorsOf(resp) {
    try {
      const body = await resp.json();
      if (body && Array.isArray(body.errors)) return body.errors;
    } catch (_) { /* not JSON */ }
    return [{ message: "Máy chủ trả lời lỗi " + resp.status, hint: "thử lại" }];
  }

  function location(d) {
    if (d.sheet && d.cell) return d.sheet + "!" + d.cell;
    return d.sheet || d.cell || "";
  }

  function diagTable(list, cls, caption) {
    const t = el("table", { class: "diag " + cls }, el("caption", {}, caption));
    t.append(el("thead", {}, el("tr", {}, el("th", {}, "Vị trí"), el("th", {}, "Nội dung"), el("th", {}, "Cách sửa"))));
    const tb = el("tbody");
    for (const d of list) tb.append(el("tr", {}, el("td", {}, location(d)), el("td", {}, d.message), el("td", {}, d.hint || "")));
    t.append(tb);
    return t;
  }

  function errorBox(errors, title) {
    const box = el("div", { class: "error-box", role: "alert" }, el("p", {}, el("strong", {}, title)));
    for (const d of errors) {
      const loc = location(d);
      box.append(el("p", {}, (loc ? loc + ": " : "") + d.message + (d.hint ? " — gợi ý: " + d.hint : "")));
    }
    return box;
  }

  // Step 1: the data and its check report.
  async function useData(file) {
    state.file = file;
    const target = $("bao-cao");
    target.replaceChildren(el("p", { class: "hint" }, "Đang kiểm tra…"));
    const resp = await fetch("/api/check", { method: "POST", body: form() });
    if (resp.status !== 200) {
      target.replaceChildren(errorBox(await errorsOf(resp), "Không tải lên được tệp"));
      return;
    }
    const report = await resp.json();
    showReport(report);
    if (!report.ok && report.sheets.length === 0) return;
    state.ready = true;
    $("buoc-loai").hidden = false;
    await chooseKind();
  }

  function showReport(r) {
    const target = $("bao-cao");
    const out = [];
    out.push(el("p", {}, "Bảng tính: ", el("strong", {}, r.file), " — ",
      r.ok ? el("span", { class: "ok" }, "dùng được") : el("span", { class: "bad" }, "chưa dùng được")));
    if (r.sheets.length) {
      const cards = el("div", { class: "cards" });
      cards.append(el("div", { class: "card" }, el("b", {}, r.chi_bo.tong), el("small", {}, "chi bộ (ký cam kết " + (r.chi_bo.ky_cam_ket || 0) + ")")));
      cards.append(el("div", { class: "card" }, el("b", {}, r.dang_vien.tong), el("small", {}, "đảng viên")));
      const xl = el("table", { class: "xl" }, el("thead", {}, el("tr", {}, el("th", {}, "Xếp loại"), el("th", {}, "Chi bộ"), el("th", {}, "Đảng viên"))));
      const xb = el("tbody");
      for (const k of ["xuat_sac", "tot", "hoan_thanh", "khong_hoan_thanh", "chua_xep_loai"]) {
        if (k === "chua_xep_loai" && !r.chi_bo.xep_loai[k] && !r.dang_vien.xep_loai[k]) continue;
        xb.append(el("tr", {}, el("td", {}, XEP_LOAI[k]), el("td", {}, r.chi_bo.xep_loai[k]), el("td", {}, r.dang_vien.xep_loai[k])));
      }
      xl.append(xb);
      cards.append(el("div", { class: "card full" }, xl));
      cards.append(el("div", { class: "card full" }, el("small", {}, "Đã đọc: " + r.sheets.map((s) => s.sheet + " (" + s.rows + " hàng)").join(", "))));
      out.push(cards);
    }
    if (r.errors.length) out.push(diagTable(r.errors, "errors", "Lỗi (" + r.errors.length + ")"));
    if (r.warnings.length) out.push(diagTable(r.warnings, "warnings", "Cảnh báo (" + r.warnings.length + ")"));
    if (!r.errors.length && !r.warnings.length) out.push(el("p", { class: "ok" }, "Không có lỗi, không có cảnh báo."));
    target.replaceChildren(...out);
  }

  // Step 2: kinds, profiles, rows.
  async function loadLists() {
    const [kinds, profiles] = await Promise.all([
      fetch("/api/kinds").then((r) => r.json()),
      fetch("/api/profiles").then((r) => r.json()),
    ]);
    state.served = kinds;
    fillKinds(kinds);
    const ps = $("ho-so");
    ps.replaceChildren();
    const names = { "dang": "Đảng (Hướng dẫn 05-HD/VPTW)", "dang-36": "Đảng (Hướng dẫn 36-HD/VPTW, trước 05-HD)", "nha-nuoc": "Nhà nước (Nghị định 30/2020)" };
    for (const p of profiles.ho_so) ps.append(el("option", { value: p }, names[p] || p));
    ps.value = profiles.mac_dinh;
  }

  function fillKinds(kinds) {
    state.kinds = kinds;
    const sel = $("loai");
    const chosen = sel.value;
    sel.replaceChildren();
    for (const k of kinds) {
      const word = state.word[k.kind] ? " (mẫu Word " + state.word[k.kind].name + ")" : "";
      const o = el("option", { value: k.kind }, (k.ten_loai || k.kind) + " — " + k.kind + word + (k.loi ? " (mẫu lỗi)" : ""));
      if (k.loi) o.disabled = true;
      sel.append(o);
    }
    if (chosen && kinds.some((k) => k.kind === chosen)) sel.value = chosen;
  }

  function kind() { return state.kinds.find((k) => k.kind === $("loai").value); }

  async function chooseKind() {
    const k = kind();
    if (!k) return;
    state.stt = null;
    $("buoc-xem").hidden = false;
    $("loai-ghi-chu").textContent = k.per === "chi-bo" ? "Mỗi chi bộ một bản: chọn chi bộ bên dưới, hoặc Tất cả."
      : k.per === "dang-vien" ? "Mỗi đảng viên một bản: chọn đảng viên bên dưới, hoặc Tất cả." : "Một văn bản chung cho cả đảng bộ.";
    clearPages();
    $("tai-zip").hidden = !k.per;
    if (!$("bien-tap").hidden) await openEditor();
    if (k.per) {
      await loadRows(k);
    } else {
      $("hang").hidden = true;
    }
    updateButtons();
    await preview();
  }

  async function loadRows(k) {
    const resp = await fetch("/api/rows", { method: "POST", body: docForm(docFields()) });
    const tbody = $("bang-hang").tBodies[0];
    tbody.replaceChildren();
    $("hang").hidden = false;
    if (!resp.ok) {
      state.rows = [];
      $("hang-tieu-de").replaceChildren(errorBox(await errorsOf(resp), "Không lấy được danh sách"));
      return;
    }
    state.rows = await resp.json();
    const noun = k.per === "chi-bo" ? "chi bộ" : "đảng viên";
    $("hang-tieu-de").textContent = "Chọn một " + noun + " để xem, hoặc \"Tất cả\" để tải một tệp zip gồm " + state.rows.length + " bản.";
    const addRow = (value, cells) => {
      const radio = el("input", { type: "radio", name: "hang", value: String(value), "aria-label": cells[1] });
      const tr = el("tr", { "data-value": String(value) }, el("td", {}, radio), ...cells.map((c) => el("td", {}, c)));
      tr.addEventListener("click", () => { radio.checked = true; pickRow(value); });
      tbody.append(tr);
    };
    addRow("all", ["", "Tất cả (" + state.rows.length + " bản)", ""]);
    for (const r of state.rows) addRow(r.stt, [r.stt, r.ten, r.xep_loai ? XEP_LOAI[r.xep_loai] : XEP_LOAI.chua_xep_loai]);
    if (state.rows.length) {
      pickRow(state.rows[0].stt, true);
    }
  }

  function clearPages() {
    state.previewSeq++;
    for (const u of state.pageUrls) URL.revokeObjectURL(u);
    state.pageUrls = [];
    $("trang").replaceChildren();
    $("trang").classList.add("busy");
    $("so-trang").textContent = "";
  }

  function pickRow(value, quiet) {
    const changed = state.stt !== value;
    state.stt = value;
    if (changed && !quiet && !(value === "all" && state.pageUrls.length)) clearPages();
    for (const tr of $("bang-hang").tBodies[0].rows) {
      const on = tr.dataset.value === String(value);
      tr.classList.toggle("chosen", on);
      const r = tr.querySelector("input");
      if (r) r.checked = on;
    }
    updateButtons();
    if (!quiet) preview();
  }

  function previewStt() {
    const k = kind();
    if (!k || !k.per) return null;
    if (state.stt === "all") return state.rows.length ? state.rows[0].stt : null;
    return state.stt;
  }

  function docFields(extra) {
    const k = kind();
    const f = Object.assign({ kind: k ? k.kind : "", profile: $("ho-so").value }, extra || {});
    if (k && state.edited[k.kind] !== undefined && !state.word[k.kind]) f.template = state.edited[k.kind];
    return f;
  }

  // A document request's form: the fields, and the kind's Word template when the user dropped one.
  function docForm(fields) {
    const fd = form(fields);
    const file = state.word[fields.kind];
    if (file) fd.append("template", file, fields.kind + ".docx");
    return fd;
  }

  function updateButtons() {
    const k = kind();
    const all = k && k.per && state.stt === "all";
    const noRow = k && k.per && (state.stt === null || state.rows.length === 0);
    const capSo = $("cap-so").checked;
    $("tai-docx").hidden = capSo;
    $("tai-pdf").hidden = capSo;
    $("tai-cap-so").hidden = !capSo;
    $("nguoi-lay-o").hidden = !capSo;
    $("tai-zip").textContent = capSo ? "Cấp số và tải tất cả (.zip)" : "Tải tất cả (.zip)";
    $("tai-docx").disabled = !!(all || noRow);
    $("tai-pdf").disabled = !!(all || noRow);
    $("tai-cap-so").disabled = !!(all || noRow);
    $("tai-zip").disabled = !(k && k.per && state.rows.length);
  }

  // The sổ văn bản đi: the register's rows and its export.
  const TRANG_THAI = { "da-cap": "đã cấp", "da-huy": "đã hủy", "dang-cap": "đang cấp" };
  function ngayNgan(iso) {
    if (!iso) return "";
    const [y, m, d] = iso.split("-");
    return d + "/" + m + "/" + y;
  }
  async function loadRegister() {
    const nam = $("so-nam").value.trim();
    const q = nam ? "?nam=" + encodeURIComponent(nam) : "";
    $("so-xlsx").href = "/api/register/export?format=xlsx" + (nam ? "&nam=" + encodeURIComponent(nam) : "");
    $("so-pdf").href = "/api/register/export?format=pdf" + (nam ? "&nam=" + encodeURIComponent(nam) : "") + "&profile=" + encodeURIComponent($("ho-so").value || "");
    const tbody = $("bang-so").tBodies[0];
    const resp = await fetch("/api/register" + q);
    if (!resp.ok) {
      tbody.replaceChildren(el("tr", {}, el("td", { colspan: "5" }, errorBox(await errorsOf(resp), "Không đọc được sổ"))));
      $("so-dong").textContent = "";
      return;
    }
    const rows = await resp.json();
    $("so-dong").textContent = "(" + rows.length + " số)";
    if (!rows.length) {
      tbody.replaceChildren(el("tr", {}, el("td", { colspan: "5", class: "hint" }, "Chưa có số nào. Chọn \"Cấp số\" khi tải văn bản để lấy số từ sổ.")));
      return;
    }
    tbody.replaceChildren(...rows.slice().reverse().map((r) => {
      const state = TRANG_THAI[r.trang_thai] || r.trang_thai;
      const tr = el("tr", { class: r.trang_thai === "da-huy" ? "huy" : "" },
        el("td", {}, r.so_ky_hieu), el("td", {}, ngayNgan(r.ngay)),
        el("td", {}, r.ten_loai + " " + r.trich_yeu), el("td", {}, r.nguoi_ky),
        el("td", { title: r.ly_do_huy || "" }, state + (r.ly_do_huy ? " (" + r.ly_do_huy + ")" : "")));
      return tr;
    }));
  }

  // Step 3: the preview.
  async function preview() {
    const k = kind();
    if (!k) return;
    const seq = ++state.previewSeq;
    const pages = $("trang");
    const stt = previewStt();
    if (k.per && stt === null) {
      pages.replaceChildren(el("p", {}, "Không có hàng nào để xem."));
      pages.classList.remove("busy");
      return;
    }
    pages.classList.add("busy");
    const fields = docFields({ page: 1 });
    if (stt !== null) fields.stt = stt;
    const resp = await fetch("/api/preview", { method: "POST", body: docForm(fields) });
    if (seq !== state.previewSeq) return;
    if (!resp.ok) {
      pages.classList.remove("busy");
      const errors = await errorsOf(resp);
      showTemplateErrors(errors);
      pages.replaceChildren(errorBox(errors, "Chưa dựng được văn bản"));
      $("so-trang").textContent = "";
      return;
    }
    showTemplateErrors([]);
    const count = parseInt(resp.headers.get("X-So-Trang") || "1", 10);
    const blobs = [await resp.blob()];
    for (let p = 2; p <= count; p++) {
      fields.page = p;
      const r = await fetch("/api/preview", { method: "POST", body: docForm(fields) });
      if (seq !== state.previewSeq) return;
      if (!r.ok) break;
      blobs.push(await r.blob());
      if (p === 2) showPages(blobs, count);
    }
    if (seq !== state.previewSeq) return;
    showPages(blobs, count);
    pages.classList.remove("busy");
  }

  function showPages(blobs, count) {
    for (const u of state.pageUrls) URL.revokeObjectURL(u);
    state.pageUrls = blobs.map((b) => URL.createObjectURL(b));
    const k = kind();
    const who = previewStt();
    const label = (k ? k.kind : "") + (who !== null ? " STT " + who : "");
    $("trang").replaceChildren(...state.pageUrls.map((u, i) => el("img", { src: u, alt: "Trang " + (i + 1) + "/" + count + " — " + label, "data-doc": label })));
    $("so-trang").textContent = "(" + count + " trang)";
  }

  // Step 4: downloads.
  async function download(format) {
    const box = $("loi-tai");
    box.replaceChildren();
    const k = kind();
    const capSo = $("cap-so").checked;
    const one = format === "cap-so";
    if (one) format = "zip";
    const fields = docFields({ format: format });
    if ((format !== "zip" || one) && k.per) fields.stt = state.stt;
    if (capSo) {
      fields.cap_so = "1";
      const name = $("nguoi-lay").value.trim();
      if (name) fields.nguoi_lay = name;
    }
    let timer = null;
    const buttons = ["tai-docx", "tai-pdf", "tai-zip", "tai-cap-so"].map($);
    buttons.forEach((b) => (b.disabled = true));
    if (format === "zip" && !one) {
      const job = "viec-" + Date.now() + "-" + Math.floor(Math.random() * 1e9);
      fields.job = job;
      $("tien-do").hidden = false;
      $("thanh").value = 0;
      $("tien-do-chu").textContent = "Đang bắt đầu…";
      timer = setInterval(async () => {
        const r = await fetch("/api/progress?job=" + encodeURIComponent(job));
        if (!r.ok) return;
        const p = await r.json();
        if (p.total > 0) {
          $("thanh").max = p.total;
          $("thanh").value = p.done;
          $("tien-do-chu").textContent = "Đã dựng " + p.done + "/" + p.total + " văn bản";
        }
      }, 300);
    }
    try {
      const resp = await fetch("/api/render", { method: "POST", body: docForm(fields) });
      if (!resp.ok) {
        box.replaceChildren(errorBox(await errorsOf(resp), "Không tải được"));
        return;
      }
      const blob = await resp.blob();
      saveBlob(blob, fileName(resp) || (k.kind + "." + format));
      if (format === "zip" && !one) { $("thanh").value = $("thanh").max; $("tien-do-chu").textContent = "Xong."; }
      const so = resp.headers.get("X-So-Ky-Hieu");
      if (so) {
        box.replaceChildren(el("div", { class: "info-box", role: "status" }, "Đã cấp số: " + decodeURIComponent(so)));
        loadRegister();
      }
    } catch (e) {
      box.replaceChildren(errorBox([{ message: String(e) }], "Không tải được"));
    } finally {
      if (timer) clearInterval(timer);
      updateButtons();
    }
  }

  function fileName(resp) {
    const cd = resp.headers.get("Content-Disposition") || "";
    const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
    if (star) return decodeURIComponent(star[1]);
    const plain = /filename="([^"]+)"/i.exec(cd);
    return plain ? plain[1] : null;
  }

  function saveBlob(blob, name) {
    const url = URL.createObjectURL(blob);
    const a = el("a", { href: url, download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 30000);
  }

  // Step 5: the template editor.
  async function openEditor() {
    const k = kind();
    if (!k) return;
    $("bien-tap").hidden = false;
    $("mo-sua").textContent = "Đóng khung sửa mẫu";
    const file = state.word[k.kind];
    if (!file && state.original[k.kind] === undefined) {
      // A kind the server has as a Word file has no text to edit (404): it is edited in Word.
      const r = await fetch("/api/templates/" + encodeURIComponent(k.kind));
      state.original[k.kind] = r.ok ? await r.text() : null;
    }
    if (kind() !== k) return;
    const servedWord = !file && state.original[k.kind] === null;
    const inWord = !!file || servedWord;
    $("ten-mau").textContent = file ? file.name : k.kind + (servedWord ? ".docx" : ".md");
    const note = $("word-dang-dung");
    note.hidden = !inWord;
    note.textContent = file
      ? "Đang dùng mẫu Word " + file.name + " cho loại " + k.kind + ". Sửa trong Word rồi thả lại vào đây; bản xem dùng bản mới."
      : servedWord ? "Loại " + k.kind + " là mẫu Word trong thư mục mẫu. Tải mẫu Word về, sửa trong Word rồi thả lại vào đây." : "";
    $("bo-word").hidden = !file;
    $("mau-van-ban").hidden = inWord;
    $("huong-dan-md").hidden = inWord;
    $("khoi-phuc").hidden = inWord;
    if (!inWord) $("mau-van-ban").value = state.edited[k.kind] !== undefined ? state.edited[k.kind] : state.original[k.kind];
  }

  function showTemplateErrors(errors) {
    const box = $("loi-mau");
    const tpl = errors.filter((d) => d.code === "loi_mau");
    if (!tpl.length) { box.replaceChildren(); return; }
    const items = tpl.map((d) => {
      const m = /^mẫu [^:]+\.md:(\d+): (.*)$/s.exec(d.message);
      const w = /^mẫu [^:]+\.docx, ([^:]+): (.*)$/s.exec(d.message);
      const where = m ? "Dòng " + m[1] + ": " : w ? w[1].charAt(0).toUpperCase() + w[1].slice(1) + ": " : "";
      const text = m ? m[2] : w ? w[2] : d.message;
      return el("p", {}, el("strong", {}, where), text + (d.hint ? " — gợi ý: " + d.hint : ""));
    });
    box.replaceChildren(el("div", { class: "error-box", role: "alert" }, el("p", {}, el("strong", {}, "Mẫu có lỗi")), ...items));
  }

  let editTimer = null;
  function onEdit() {
    const k = kind();
    if (!k) return;
    state.edited[k.kind] = $("mau-van-ban").value;
    clearTimeout(editTimer);
    editTimer = setTimeout(preview, 500);
  }

  // Word templates: a dropped .docx is the kind named after its file (thu-khen.docx → thu-khen),
  // replacing a kind of that name or added to the list; the server lists it so the page knows its per.
  function kindSlug(fileName) {
    const stem = fileName.replace(/\.docx$/i, "");
    const slug = stem.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d")
      .toLowerCase().replace(/[^a-z0-9_-]+/g, "-").replace(/^[-_]+|-+$/g, "").slice(0, 64);
    return slug || "mau-word";
  }

  async function useWord(file) {
    const box = $("loi-mau");
    box.replaceChildren();
    if (!/\.docx$/i.test(file.name)) {
      const hint = /\.(doc|odt|rtf)$/i.test(file.name) ? "mở tệp trong Word hoặc LibreOffice và lưu thành Word Document (.docx)" : "chọn một tệp Word .docx";
      box.replaceChildren(errorBox([{ message: "Tệp " + file.name + " không phải mẫu Word .docx", hint: hint }], "Không dùng được mẫu"));
      return;
    }
    const name = kindSlug(file.name);
    const fd = new FormData();
    fd.append("kind", name);
    fd.append("template", file, name + ".docx");
    const resp = await fetch("/api/kinds", { method: "POST", body: fd });
    if (!resp.ok) { box.replaceChildren(errorBox(await errorsOf(resp), "Không dùng được mẫu " + file.name)); return; }
    const listed = (await resp.json()).find((k) => k.kind === name);
    if (!listed || listed.loi) {
      box.replaceChildren(errorBox([{ message: listed ? listed.loi : "không đọc được mẫu", hint: "sửa mẫu trong Word rồi thả lại" }], "Không dùng được mẫu " + file.name));
      return;
    }
    state.word[name] = file;
    delete state.edited[name];
    const kinds = state.kinds.filter((k) => k.kind !== name).concat([listed]).sort((a, b) => a.kind.localeCompare(b.kind));
    fillKinds(kinds);
    $("loai").value = name;
    await chooseKind();
    await openEditor();
  }

  function dropWord() {
    const k = kind();
    if (!k || !state.word[k.kind]) return;
    delete state.word[k.kind];
    const served = state.served.find((s) => s.kind === k.kind);
    fillKinds(served ? state.kinds.map((x) => (x.kind === k.kind ? served : x)) : state.kinds.filter((x) => x.kind !== k.kind));
    if (!served) $("loai").value = state.kinds.length ? state.kinds[0].kind : "";
    $("loi-mau").replaceChildren();
    chooseKind().then(openEditor);
  }

  async function downloadWord() {
    const k = kind();
    if (!k) return;
    const file = state.word[k.kind];
    if (file) { saveBlob(file, k.kind + ".docx"); return; }
    const url = "/api/templates/" + encodeURIComponent(k.kind) + ".docx";
    let resp;
    if (state.edited[k.kind] !== undefined) {
      const fd = new FormData();
      fd.append("template", state.edited[k.kind]);
      resp = await fetch(url, { method: "POST", body: fd });
    } else {
      resp = await fetch(url);
    }
    if (!resp.ok) { $("loi-mau").replaceChildren(errorBox(await errorsOf(resp), "Không tải được mẫu Word")); return; }
    saveBlob(await resp.blob(), fileName(resp) || k.kind + ".docx");
  }

  async function saveTemplates() {
    const fd = new FormData();
    for (const [k, text] of Object.entries(state.edited)) if (!state.word[k]) fd.append("template", new Blob([text], { type: "text/markdown" }), k + ".md");
    for (const [k, file] of Object.entries(state.word)) fd.append("template", file, k + ".docx");
    const resp = await fetch("/api/templates.zip", { method: "POST", body: fd });
    if (!resp.ok) { $("loi-mau").replaceChildren(errorBox(await errorsOf(resp), "Không tải được bộ mẫu")); return; }
    saveBlob(await resp.blob(), fileName(resp) || "mau-van-ban.zip");
  }

  // Wiring.
  const drop = $("drop");
  ["dragenter", "dragover"].forEach((ev) => drop.addEventListener(ev, (e) => { e.preventDefault(); drop.classList.add("over"); }));
  ["dragleave", "drop"].forEach((ev) => drop.addEventListener(ev, (e) => { e.preventDefault(); drop.classList.remove("over"); }));
  drop.addEventListener("drop", (e) => { const f = e.dataTransfer.files[0]; if (f) useData(f); });
  drop.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); $("file").click(); } });
  $("file").addEventListener("change", (e) => { const f = e.target.files[0]; if (f) useData(f); });
  $("mau").addEventListener("click", () => { $("file").value = ""; useData(null); });
  $("loai").addEventListener("change", chooseKind);
  $("ho-so").addEventListener("change", () => { clearPages(); preview(); });
  $("tai-docx").addEventListener("click", () => download("docx"));
  $("tai-pdf").addEventListener("click", () => download("pdf"));
  $("tai-zip").addEventListener("click", () => download("zip"));
  $("tai-cap-so").addEventListener("click", () => download("cap-so"));
  $("cap-so").addEventListener("change", updateButtons);
  $("so-lam-moi").addEventListener("click", () => loadRegister());
  $("so-nam").addEventListener("change", () => loadRegister());
  $("mo-sua").addEventListener("click", () => {
    if ($("bien-tap").hidden) openEditor();
    else { $("bien-tap").hidden = true; $("mo-sua").textContent = "Sửa lời văn (mẫu)"; }
  });
  $("mau-van-ban").addEventListener("input", onEdit);
  $("khoi-phuc").addEventListener("click", () => {
    const k = kind();
    if (!k) return;
    delete state.edited[k.kind];
    $("mau-van-ban").value = state.original[k.kind] || "";
    preview();
  });
  $("tai-mau").addEventListener("click", saveTemplates);
  $("tai-word").addEventListener("click", downloadWord);
  $("bo-word").addEventListener("click", dropWord);
  $("tep-word").addEventListener("change", (e) => { const f = e.target.files[0]; e.target.value = ""; if (f) useWord(f); });
  const editor = $("bien-tap");
  ["dragenter", "dragover"].forEach((ev) => editor.addEventListener(ev, (e) => { e.preventDefault(); editor.classList.add("over"); }));
  ["dragleave", "drop"].forEach((ev) => editor.addEventListener(ev, (e) => { e.preventDefault(); editor.classList.remove("over"); }));
  editor.addEventListener("drop", (e) => { const f = e.dataTransfer.files[0]; if (f) useWord(f); });
  $("tha-word").addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); $("tep-word").click(); } });
  loadLists().then(loadRegister).catch((e) => $("bao-cao").replaceChildren(errorBox([{ message: String(e) }], "Không kết nối được máy chủ")));
})();
