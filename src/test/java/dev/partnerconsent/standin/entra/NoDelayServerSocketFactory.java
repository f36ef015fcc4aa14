package dev.partnerconsent.standin.entra;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import javax.net.ServerSocketFactory;

/**
 * Server sockets whose connections have Nagle's algorithm off. MockWebServer writes a response's
 * head and body separately; with Nagle on, the body waits for the client's delayed ACK and every
 * response with a body costs ~40 ms.
 */
final class NoDelayServerSocketFactory extends ServerSocketFactory {

    @Override
    public ServerSocket createServerSocket() throws IOException {
        return new NoDelayServerSocket();
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
        ServerSocket socket = createServerSocket();
        socket.bind(new InetSocketAddress(port));
        return socket;
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog) throws IOException {
        ServerSocket socket = createServerSocket();
        socket.bind(new InetSocketAddress(port), backlog);
        return socket;
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
        ServerSocket socket = createServerSocket();
        socket.bind(new InetSocketAddress(address, port), backlog);
        return socket;
    }

    private static final class NoDelayServerSocket extends ServerSocket {

        NoDelayServerSocket() throws IOException {
            super();
        }

        @Override
        public Socket accept() throws IOException {
            Socket socket = super.accept();
            socket.setTcpNoDelay(true);
            return socket;
        }
    }
}
