"""The memorial and the petition embedded in partners' pages: iframe views, oEmbed, discovery.

Only the views in `campaign.embed.views` marked `embeddable` may be framed by other sites;
every other page keeps `frame-ancestors 'none'` and `X-Frame-Options: DENY`.
"""
