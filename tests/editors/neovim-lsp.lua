-- Drives Neovim's own LSP client (a client we did not write) against `distill lsp`, headless:
--   DISTILL_LSP="dotnet path/to/distill.dll lsp" nvim --headless -u NONE -l? (0.7 has no -l):
--   nvim --headless -u NONE -c "luafile tests/editors/neovim-lsp.lua"
-- It opens a recipe with an error and checks the diagnostic's line:column, asks for completion
-- after `k` and expects `kd`, hovers `kd` and expects its formula. Prints one line per check and
-- exits 0 when all pass, 1 otherwise.
local failures = 0
local function check(name, ok, detail)
  io.stdout:write((ok and 'ok   ' or 'FAIL ') .. name .. (detail and (': ' .. detail) or '') .. '\n')
  if not ok then failures = failures + 1 end
end

-- -u NONE starts without filetype detection, which every user config has on.
vim.cmd('filetype on')
local repo = vim.fn.getcwd()
package.path = repo .. '/editors/neovim/?.lua;' .. package.path
local cmd = vim.split(os.getenv('DISTILL_LSP') or 'distill lsp', ' ', { trimempty = true })
require('distill').setup({ cmd = cmd })

local dir = vim.fn.tempname()
vim.fn.mkdir(dir, 'p')
local path = dir .. '/broken.distill'
-- Line 2, column 15 (1-based) is the unknown parameter `temp`.
vim.fn.writefile({ '# a recipe with a typo', 'ce + 0.9 * kd(temp = 4)' }, path)
vim.cmd('edit ' .. path)
local buf = vim.api.nvim_get_current_buf()
check('filetype', vim.bo[buf].filetype == 'distill', vim.bo[buf].filetype)

local got = vim.wait(30000, function() return #vim.diagnostic.get(buf) > 0 end, 100)
local diagnostics = vim.diagnostic.get(buf)
check('diagnostic published', got, tostring(#diagnostics))
if got then
  local d = diagnostics[1]
  -- vim.diagnostic positions are 0-based.
  check('diagnostic at 2:15', d.lnum == 1 and d.col == 14, string.format('%d:%d %s', d.lnum + 1, d.col + 1, d.message))
  check('diagnostic is DST0102', d.code == 'DST0102' or (d.user_data and d.user_data.lsp and d.user_data.lsp.code == 'DST0102'), d.message)
end

-- Type a new line `ce + k` and ask for completion after the k.
vim.api.nvim_buf_set_lines(buf, 2, 2, false, { 'ce + k' })
local params = { textDocument = vim.lsp.util.make_text_document_params(buf), position = { line = 2, character = 6 } }
local responses = vim.lsp.buf_request_sync(buf, 'textDocument/completion', params, 20000) or {}
local labels = {}
for _, response in pairs(responses) do
  local items = response.result and (response.result.items or response.result) or {}
  for _, item in ipairs(items) do labels[item.label] = true end
end
check('completion after k offers kd', labels['kd'] == true)

-- Hover on `kd` in line 2.
params = { textDocument = vim.lsp.util.make_text_document_params(buf), position = { line = 1, character = 12 } }
responses = vim.lsp.buf_request_sync(buf, 'textDocument/hover', params, 20000) or {}
local hover = ''
for _, response in pairs(responses) do
  if response.result then hover = response.result.contents.value or '' end
end
check('hover on kd shows its formula', hover:find('T²/N·Σ KL(softmax(t/T) ‖ softmax(s/T))', 1, true) ~= nil, hover:sub(1, 80))

vim.lsp.stop_client(vim.lsp.get_active_clients())
vim.cmd((failures == 0) and 'qall!' or 'cquit! 1')
