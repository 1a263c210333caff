/*
 * xmlwalk: the next node of a document-order walk (xmlwalk.h).
 */
#include "xmlwalk.h"

#include <stddef.h>

xmlNode *
xmlwalk_next(const xmlNode *n, const xmlNode *top, int skip)
{
	if (!skip && n->type == XML_ELEMENT_NODE && n->children != NULL)
		return n->children;
	while (n != NULL && n != top && n->next == NULL)
		n = n->parent;
	return n == NULL || n == top ? NULL : n->next;
}
