// Asio and Beast compiled once for the whole program (house style §5; Beast test/lib_asio.cpp).
#include <boost/asio/impl/src.hpp>
#include <boost/asio/ssl/impl/src.hpp>
#include <boost/beast/src.hpp>
