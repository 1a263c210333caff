/*
 * xmlwalk: walking a libxml2 tree in document order without recursion
 * (a hostile page may nest a million deep), for the HTML renderer, the
 * article extractor and feed discovery.
 */
#ifndef ORRERY_XMLWALK_H
#define ORRERY_XMLWALK_H

#include <libxml/tree.h>

/* The node after n in document order inside top (top itself is never
 * returned): n's first child when n is an element with children and
 * skip is 0, else the next sibling of n or of its nearest ancestor below
 * top; NULL when the walk of top is over. */
xmlNode *xmlwalk_next(const xmlNode *n, const xmlNode *top, int skip);

#endif
