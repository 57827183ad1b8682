/** Debian's collectd (package collectd-core; its write_http plugin needs libyajl2 and libcurl3-gnutls), or COLLECTD_PATH. */
export const COLLECTD_PATH = process.env['COLLECTD_PATH'] ?? '/usr/sbin/collectd';
