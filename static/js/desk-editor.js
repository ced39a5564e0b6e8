// The desk's body editor: django-prose-editor's "configurable" preset, made without Tiptap's
// injected <style> (refused by our Content-Security-Policy; its rules are in
// css/desk-editor.css). Reads the same data-django-prose-editor-configurable attribute.
import * as editor from "django-prose-editor/editor"

const ATTRIBUTE = "data-django-prose-editor-configurable"
const EMPTY = /^<(\w+)(\s[^>]*)?><\/\1>$/i

function createEditor(textarea) {
  if (textarea.closest(".prose-editor")) return null
  const config = JSON.parse(textarea.getAttribute(ATTRIBUTE) || "{}")
  const extensions = []
  for (const [name, options] of Object.entries(config.extensions || {})) {
    const extension = editor[name]
    if (!extension) continue
    extensions.push(typeof options === "object" ? extension.configure(options) : extension)
  }
  const disabled = textarea.hasAttribute("disabled")
  const wrapper = editor.crel("div", { className: `prose-editor ${disabled ? "disabled" : ""}` })
  textarea.before(wrapper)
  wrapper.append(textarea)
  const instance = new editor.Editor({
    element: wrapper,
    editable: !disabled,
    extensions,
    content: textarea.value,
    injectCSS: false,
    onUpdate({ editor: current }) {
      const html = current.getHTML()
      textarea.value = EMPTY.test(html) ? "" : html
      textarea.dispatchEvent(new Event("input", { bubbles: true }))
    },
    onDestroy() {
      wrapper.before(textarea)
      wrapper.remove()
    },
  })
  textarea.dispatchEvent(
    new CustomEvent("prose-editor:ready", { detail: { editor: instance, textarea }, bubbles: true }),
  )
  return instance
}

editor.initializeEditors(createEditor, `[${ATTRIBUTE}]`)
