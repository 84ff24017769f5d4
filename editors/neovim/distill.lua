-- Distill's language server in Neovim's built-in LSP client (Neovim 0.7 or later).
-- Put this file on your runtimepath (e.g. ~/.config/nvim/lua/distill.lua) and call
--   require('distill').setup({ cmd = { 'distill', 'lsp' } })
-- from init.lua; add `'--terms', 'path/to/YourTerms.dll'` to cmd for your own terms.
local M = {}

function M.setup(opts)
  opts = opts or {}
  local cmd = opts.cmd or { 'distill', 'lsp' }
  -- An autocommand rather than vim.filetype.add: 0.7 reads filetype.lua only with do_filetype_lua,
  -- and its fallback detection calls '#'-commented files 'conf'.
  vim.api.nvim_create_autocmd({ 'BufRead', 'BufNewFile' }, { pattern = '*.distill', command = 'set filetype=distill' })
  vim.api.nvim_create_autocmd('FileType', {
    pattern = 'distill',
    callback = function(args)
      vim.bo[args.buf].commentstring = '# %s'
      local root = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(args.buf), ':p:h')
      M.client_id = M.client_id or vim.lsp.start_client({
        name = 'distill',
        cmd = cmd,
        root_dir = root,
        on_attach = opts.on_attach,
      })
      vim.lsp.buf_attach_client(args.buf, M.client_id)
    end,
  })
end

return M
