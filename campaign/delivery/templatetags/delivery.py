from django import template

from campaign.delivery import paper

register = template.Library()


@register.inclusion_tag("delivery/paper_signatures.html")
def paper_signatures(petition, online):
    """Beside the online count, the paper batches, if any: never added to it. The page that
    shows it is stored under the petition's version, which every batch change bumps."""
    batches = paper.paper_batches(petition)
    return {"online": online, "batches": batches, "paper": sum(b.count for b in batches)}
