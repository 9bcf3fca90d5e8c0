-- Confirmation POSTs: each signer opened the link of their e-mail (harvest.lua GET it, as the
-- one-button page it is) and presses the button, with their own cookie and token, once.
dofile(os.getenv("WRK_DIR") .. "/sign.lua")
